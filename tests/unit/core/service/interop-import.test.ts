/**
 * Highlights from other tools brought into the library, as a user does it
 * (`gloss import-highlights`, File › Import Highlights…): matched to the
 * articles already there and anchored into their text, or kept as articles of
 * their own; never twice.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createGloss, type GlossService } from '@core/service';
import { glossInProcess } from '../../helpers/run-gloss';
import { assertWholeOrNothing, crashAfterEachWrite } from '../../helpers/crash-each-write';

const FIXTURES = join(process.cwd(), 'tests', 'fixtures', 'highlights');
const fixture = (name: string) => join(FIXTURES, name);

const LE_GUIN = [
  "I'll make my report as if I told a story, for I was taught as a child on my homeworld that Truth is a matter of the imagination.",
  'The soundest fact may fail or prevail in the style of its telling.',
  'Light is the left hand of darkness and darkness the right hand of light. Two are one, life and death, lying together like lovers in kemmer.',
  'And at the end he says it again: Truth is a matter of the imagination.',
].join('\n\n');

async function library(): Promise<{ gloss: GlossService; dir: string; close: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'gloss-interop-'));
  const gloss = await createGloss({ dataDir: dir, seedsDir: join(dir, 'no-seeds') });
  return {
    gloss,
    dir,
    close: async () => {
      await gloss.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function addArticle(
  gloss: GlossService,
  title: string,
  text: string,
  meta: { byline?: string; url?: string } = {},
) {
  const report = await gloss.importText({ title, text });
  const id = report.imported[0].id;
  if (meta.byline || meta.url) await gloss.updateArticleMeta({ id, ...meta });
  return id;
}

const titles = async (gloss: GlossService) => (await gloss.listArticles()).map((a) => a.title).sort();

describe('importing Kindle clippings into a library that has the book', () => {
  let lib: Awaited<ReturnType<typeof library>>;
  let bookId: string;
  let report: Awaited<ReturnType<GlossService['importHighlights']>>;
  before(async () => {
    lib = await library();
    bookId = await addArticle(lib.gloss, 'The Left Hand of Darkness', LE_GUIN, {
      byline: 'Ursula K. Le Guin',
    });
    report = await lib.gloss.importHighlights({ paths: [fixture('kindle-my-clippings.txt')] });
  });
  after(() => lib.close());

  it('finds the book by title and author ("Le Guin, Ursula K." is Ursula K. Le Guin) and anchors its passages in the text', async () => {
    const doc = report.files[0].documents.find((d) => d.title === 'The Left Hand of Darkness')!;
    assert.equal(doc.articleId, bookId);
    assert.equal(doc.matchedBy, 'title-author');
    const annotations = await lib.gloss.listAnnotations({ articleId: bookId });
    const article = await lib.gloss.getArticle({ id: bookId });
    const words = annotations.map((a) => article.text.slice(a.target.position.start, a.target.position.end));
    assert.ok(words.includes('Light is the left hand of darkness and darkness the right hand of light.'));
    assert.ok(words.some((w) => w.startsWith("I'll make my report as if I told a story")));
    assert.ok(annotations.every((a) => !a.orphan));
  });

  it('keeps each passage’s note and the time it was made on the Kindle, in the library’s yellow', async () => {
    const annotations = await lib.gloss.listAnnotations({ articleId: bookId });
    const light = annotations.find((a) => a.target.quote.exact.startsWith('Light is'))!;
    assert.equal(light.created, '2019-03-05T21:31:12.000Z');
    assert.equal(light.color, 'yellow');
  });

  it('lists a passage placed without certainty, with why: the same words twice in the text', async () => {
    const doc = report.files[0].documents.find((d) => d.title === 'The Left Hand of Darkness')!;
    assert.deepEqual(
      doc.lowConfidence.map((l) => [l.quote, l.why]),
      [['Truth is a matter of the imagination.', 'these words appear more than once']],
    );
    assert.equal(doc.anchored, 2);
  });

  it('adds a note made without a highlight to the article’s note, saying where it was made', async () => {
    const note = await lib.gloss.getArticleNote({ articleId: bookId });
    assert.equal(note?.text, 'Compare with the Handdara chapter. (Kindle clippings, location 900)');
  });

  it('keeps the other books as new articles, titled and attributed as on the Kindle, each passage highlighted in its own paragraph', async () => {
    assert.deepEqual(await titles(lib.gloss), [
      'Cien años de soledad',
      'Der Process',
      'Dom Casmurro',
      'Il nome della rosa',
      "L'Étranger",
      'The Left Hand of Darkness',
      '吾輩は猫である',
      '围城',
    ]);
    const kafka = (await lib.gloss.listArticles()).find((a) => a.title === 'Der Process')!;
    assert.equal(kafka.byline, 'Franz Kafka');
    assert.equal(kafka.source, 'Kindle clippings');
    const [a] = await lib.gloss.listAnnotations({ articleId: kafka.id });
    assert.match(a.target.quote.exact, /^Jemand mußte Josef K\. verleumdet haben/);
    assert.equal(a.note, 'Der berühmte erste Satz.');
    const doc = report.files[0].documents.find((d) => d.title === 'Der Process')!;
    assert.equal(doc.matchedBy, undefined);
    assert.equal(doc.unanchored, 1);
  });

  it('adds nothing the second time the same file is imported', async () => {
    const before = await lib.gloss.listPassages({ limit: 0 });
    const again = await lib.gloss.importHighlights({ paths: [fixture('kindle-my-clippings.txt')] });
    const after = await lib.gloss.listPassages({ limit: 0 });
    assert.equal(after.all, before.all);
    assert.equal((await lib.gloss.listArticles()).length, 8);
    const docs = again.files[0].documents;
    assert.ok(
      docs.every(
        (d) => d.anchored === 0 && d.unanchored === 0 && d.lowConfidence.length === 0 && d.notes === 0,
      ),
    );
    assert.equal(
      docs.reduce((n, d) => n + d.alreadyImported, 0),
      before.all,
    );
    const note = await lib.gloss.getArticleNote({ articleId: bookId });
    assert.equal(note?.text, 'Compare with the Handdara chapter. (Kindle clippings, location 900)');
  });
});

describe('a passage the library’s copy does not hold', () => {
  it('is kept, with its note, in an article of its own named after the book, and the report says where', async () => {
    const lib = await library();
    try {
      const id = await addArticle(
        lib.gloss,
        'The Left Hand of Darkness',
        'Only the first chapter is here. The soundest fact may fail or prevail in the style of its telling.',
        {
          byline: 'Ursula K. Le Guin',
        },
      );
      const csv =
        'Highlight,Book Title,Book Author,Note\n"The soundest fact may fail or prevail in the style of its telling.",The Left Hand of Darkness,Ursula K. Le Guin,\n"A passage from a later chapter that this copy lacks.",The Left Hand of Darkness,Ursula K. Le Guin,"keep me"\n"The soundest fact may fall or prevail in the style of its teling.",The Left Hand of Darkness,Ursula K. Le Guin,typos\n';
      const path = join(lib.dir, 'readwise.csv');
      await writeFile(path, csv);
      const [doc] = (await lib.gloss.importHighlights({ paths: [path] })).files[0].documents;
      assert.equal(doc.articleId, id);
      assert.equal(doc.unanchored, 1);
      assert.equal(doc.keptIn?.title, 'The Left Hand of Darkness — passages not found in the article');
      const [kept] = await lib.gloss.listAnnotations({ articleId: doc.keptIn!.articleId });
      assert.equal(kept.target.quote.exact, 'A passage from a later chapter that this copy lacks.');
      assert.equal(kept.note, 'keep me');
      // Two typos in 66 letters: placed, and listed as not sure.
      assert.equal(
        doc.lowConfidence.length,
        0,
        'the same words as an annotation already there are merged, not listed',
      );
    } finally {
      await lib.close();
    }
  });

  it('places words that differ a little, and lists them as not sure, with how alike they are', async () => {
    const lib = await library();
    try {
      await addArticle(
        lib.gloss,
        'Essays',
        'Of idleness. The soul that has no fixed goal loses itself; for to be everywhere is to be nowhere.',
        {
          byline: 'Michel de Montaigne',
        },
      );
      const path = join(lib.dir, 'readwise.csv');
      await writeFile(
        path,
        'Highlight,Title,Author\n"The sole that has no fixed goal looses itself; for to be everywhere is to be nowhere.",Essays,"Montaigne, Michel de"\n',
      );
      const [doc] = (await lib.gloss.importHighlights({ paths: [path] })).files[0].documents;
      assert.equal(doc.lowConfidence.length, 1);
      assert.match(doc.lowConfidence[0].why, /^the words differ \(9\d % alike\)$/);
      const [a] = await lib.gloss.listAnnotations({ articleId: doc.articleId });
      assert.equal(
        a.target.quote.exact,
        'The soul that has no fixed goal loses itself; for to be everywhere is to be nowhere.',
      );
    } finally {
      await lib.close();
    }
  });
});

describe('Hypothesis, Readwise, KOReader, Calibre and Zotero into one library', () => {
  let lib: Awaited<ReturnType<typeof library>>;
  let pageId: string;
  before(async () => {
    lib = await library();
    pageId = await addArticle(
      lib.gloss,
      'Coalition reaffirms priority',
      'ERBIL (Kurdistan 24) – The Global Coalition reaffirmed in a statement on Wednesday that the enduring defeat of ISIS in Syria and Iraq remains the Coalition\'s top priority.\n\n"We will continue to leverage the Coalition\'s expertise," read the statement.',
      { url: 'https://example.com/news/coalition-priority?utm_source=feed' },
    );
  });
  after(() => lib.close());

  it('matches a Hypothesis page by its address (tracking parameters and www. aside) and keeps tags, note and times', async () => {
    const r = await lib.gloss.importHighlights({ paths: [fixture('hypothesis-api.json')] });
    const [page] = r.files[0].documents;
    assert.equal(page.articleId, pageId);
    assert.equal(page.matchedBy, 'url');
    assert.equal(page.anchored, 1);
    const [a] = await lib.gloss.listAnnotations({ articleId: pageId });
    assert.deepEqual(a.tags, ['claim', 'ISIS/coalition']);
    assert.equal(a.note, 'The claim to check against the statement.');
    assert.equal(a.created, '2024-02-01T10:20:30.123Z');
    assert.equal(a.modified, '2024-02-02T08:00:00.000Z');
    assert.equal(
      (await lib.gloss.getArticleNote({ articleId: pageId }))?.text,
      "Whole-page remark: compare with last year's statement.",
    );
  });

  it('maps each tool’s colours onto the library’s and keeps tags from Zotero and Readwise', async () => {
    await lib.gloss.importHighlights({
      paths: [
        fixture('zotero-annotations.json'),
        fixture('dune.calibre_highlights'),
        fixture('readwise-export-10-columns.csv'),
      ],
    });
    const all = (await lib.gloss.listPassages({ limit: 100_000 })).passages;
    const by = (start: string) => all.find((a) => a.target.quote.exact.startsWith(start))!;
    assert.equal(by('Attention is all').color, 'yellow');
    assert.deepEqual(by('Attention is all').tags, ['transformers', 'claim']);
    assert.equal(by('An earlier page').color, 'blue');
    assert.equal(by('I must not fear').color, 'purple');
    assert.equal(by('Light is the left hand').color, 'blue');
    assert.deepEqual(by('Light is the left hand').tags, ['theme', 'duality']);
  });

  it('keeps the passages of a Zotero paper in page order in its new article', async () => {
    const paper = (await lib.gloss.listArticles()).find((a) => a.title === 'A Paper About Attention')!;
    assert.equal(paper.byline, 'Ada Lovelace, The Research Group');
    const article = await lib.gloss.getArticle({ id: paper.id });
    assert.deepEqual(
      article.blocks.map((b) => b.text),
      [
        'A Paper About Attention',
        "An earlier page's underlined words.",
        'Attention is all you need, or at least most of it.',
      ],
    );
    assert.equal(article.meta.url, 'https://papers.example.org/attention');
  });

  it('reads a KOReader sidecar, finds its book among the articles an earlier import made, and adds its note to the passage already there', async () => {
    const r = await lib.gloss.importHighlights({ paths: [fixture('metadata.epub.lua')] });
    const [doc] = r.files[0].documents;
    // The Readwise CSV above made "The Left Hand of Darkness", holding "Truth is a matter of the imagination."
    assert.equal(doc.articleTitle, 'The Left Hand of Darkness');
    assert.equal(doc.matchedBy, 'title-author');
    assert.equal(doc.anchored, 1);
    const annotations = await lib.gloss.listAnnotations({ articleId: doc.articleId });
    const truth = annotations.filter((a) => a.target.quote.exact === 'Truth is a matter of the imagination.');
    assert.equal(truth.length, 1, 'the same words are not highlighted twice');
    assert.equal(truth[0].note, 'The opening line, "as if I told a story".\n\nGethen\'s "truth" étude');
    // "… — café" is not in that text: placed on the nearest words, and listed as not sure.
    assert.deepEqual(
      doc.lowConfidence.map((l) => [l.quote, l.why]),
      [['Light is the left hand of darkness — café', 'the words differ (88 % alike)']],
    );
  });
});

describe('files that are not highlights', () => {
  it('fail one by one with a sentence, while the other files of the same import go in', async () => {
    const lib = await library();
    try {
      const wrong = join(lib.dir, 'shopping.txt');
      await writeFile(wrong, 'eggs\nmilk\n');
      const r = await lib.gloss.importHighlights({
        paths: [wrong, fixture('dune.calibre_highlights'), join(lib.dir, 'missing.json')],
      });
      assert.deepEqual(
        r.failed.map((f) => [f.source, f.code]),
        [
          ['shopping.txt', 'UNSUPPORTED_FORMAT'],
          ['missing.json', 'NOT_FOUND'],
        ],
      );
      assert.match(r.failed[0].message, /“shopping\.txt” is not a highlights file Gloss knows/);
      assert.equal(r.files.length, 1);
      assert.equal((await lib.gloss.listArticles()).length, 1);
    } finally {
      await lib.close();
    }
  });

  it('a very large clippings file (5,000 passages over 50 books) goes in whole, and a second import adds nothing', async () => {
    const lib = await library();
    try {
      const entry = (i: number) =>
        `Big Book ${i % 50} (Author ${i % 50})\r\n- Your Highlight on Location ${i * 3}-${i * 3 + 1} | Added on Monday, May 6, 2019 9:00:00 AM\r\n\r\nPassage number ${i} of the big file.\r\n==========\r\n`;
      const path = join(lib.dir, 'My Clippings.txt');
      await writeFile(path, '\ufeff' + Array.from({ length: 5000 }, (_, i) => entry(i)).join(''));
      const r = await lib.gloss.importHighlights({ paths: [path] });
      assert.equal(r.files[0].documents.length, 50);
      assert.equal((await lib.gloss.listPassages({ limit: 0 })).all, 5000);
      const again = await lib.gloss.importHighlights({ paths: [path] });
      assert.equal(
        again.files[0].documents.reduce((n, d) => n + d.alreadyImported, 0),
        5000,
      );
      assert.equal((await lib.gloss.listPassages({ limit: 0 })).all, 5000);
    } finally {
      await lib.close();
    }
  });
});

describe('a document matched by title alone', () => {
  it('is taken for the article only when its passages are found there; otherwise it is another work, kept apart', async () => {
    const lib = await library();
    try {
      const id = await addArticle(lib.gloss, 'Notes', 'Buy bread. Call the plumber about the sink.');
      const path = join(lib.dir, 'h.csv');
      await writeFile(
        path,
        'Highlight,Title\n"Call the plumber about the sink.",Notes\n"An unrelated sentence from another book called Notes.",Other\n',
      );
      await writeFile(
        join(lib.dir, 'other.csv'),
        'Highlight,Title\n"An unrelated sentence from another book called Notes.",Notes\n"And a second one from that book.",Notes\n',
      );
      const [same] = (await lib.gloss.importHighlights({ paths: [path] })).files[0].documents;
      assert.equal(same.articleId, id);
      assert.equal(same.matchedBy, 'title');
      const [other] = (await lib.gloss.importHighlights({ paths: [join(lib.dir, 'other.csv')] })).files[0]
        .documents;
      assert.notEqual(other.articleId, id);
      assert.equal(other.matchedBy, undefined);
      assert.equal(other.unanchored, 2);
    } finally {
      await lib.close();
    }
  });
});

describe('gloss import-highlights', () => {
  it('prints where each document went, warnings and failures on stderr, exits 1 when a file failed, and --json gives the report', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gloss-interop-cli-'));
    try {
      const data = join(dir, 'data');
      const wrong = join(dir, 'notes.txt');
      await writeFile(wrong, 'not highlights\n');
      const run = await glossInProcess(
        'import-highlights',
        fixture('zotero-annotations.json'),
        wrong,
        '--data-dir',
        data,
      );
      assert.equal(run.code, 1);
      assert.match(
        run.stdout,
        /^Zotero annotations: zotero-annotations\.json\n {2}A Paper About Attention — Ada Lovelace, The Research Group\n {4}as a new article “A Paper About Attention” \([0-9a-f]{8}\): 2 passages kept, 1 note added to the article note\n/,
      );
      assert.match(run.stderr, /warning {3}zotero-annotations\.json: 1 annotation without words or comment/);
      assert.match(run.stderr, /failed {4}notes\.txt: “notes\.txt” is not a highlights file Gloss knows/);
      const again = await glossInProcess(
        'import-highlights',
        fixture('zotero-annotations.json'),
        '--json',
        '--data-dir',
        data,
      );
      assert.equal(again.code, 0);
      const report = JSON.parse(again.stdout);
      assert.equal(report.files[0].documents[0].alreadyImported, 2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('an import interrupted by a crash', () => {
  /** Two books the library has, each with a highlight and a note made without one. */
  const CLIPPINGS = [
    'The Left Hand of Darkness (Le Guin, Ursula K.)',
    '- Your Highlight on page 40 | Location 601-603 | Added on Tuesday, March 5, 2019 9:31:12 PM',
    '',
    'Light is the left hand of darkness and darkness the right hand of light.',
    '==========',
    'The Left Hand of Darkness (Le Guin, Ursula K.)',
    '- Your Note on Location 900 | Added on Wednesday, March 6, 2019 8:00:00 AM',
    '',
    'Compare with the Handdara chapter.',
    '==========',
    'Crossings (Doe, Jane)',
    '- Your Highlight on page 3 | Location 40-41 | Added on Tuesday, March 5, 2019 9:40:00 PM',
    '',
    'The ferry runs every twenty minutes.',
    '==========',
    'Crossings (Doe, Jane)',
    '- Your Note on Location 300 | Added on Wednesday, March 6, 2019 8:05:00 AM',
    '',
    'Check the winter timetable.',
    '==========',
    '',
  ].join('\r\n');
  /**
   * The clippings file and the import request a crashed writer replays, in a folder beside the library
   * (each crashed copy of the library is made there too, not in it).
   */
  async function clippingsImportBeside(): Promise<{ beside: string; request: string }> {
    const beside = await mkdtemp(join(tmpdir(), 'gloss-interop-crash-'));
    const clippings = join(beside, 'My Clippings.txt');
    await writeFile(clippings, CLIPPINGS);
    const request = join(beside, 'import.json');
    await writeFile(request, JSON.stringify({ paths: [clippings] }));
    return { beside, request };
  }

  it('killed after any one of its writes, leaves the whole file’s passages and article notes or none of them', async () => {
    const lib = await library();
    const books = [
      await addArticle(lib.gloss, 'The Left Hand of Darkness', LE_GUIN, { byline: 'Ursula K. Le Guin' }),
      await addArticle(
        lib.gloss,
        'Crossings',
        'The bridge is closed. The ferry runs every twenty minutes. Nobody likes the wait.',
        { byline: 'Jane Doe' },
      ),
    ];
    await lib.gloss.setArticleNote({ articleId: books[0], text: 'Reading group, week 3.' });
    const { beside, request } = await clippingsImportBeside();
    const data = lib.dir;
    await lib.gloss.close();
    const stateIn = async (dataDir: string) => {
      const gloss = await createGloss({ dataDir, seedsDir: join(lib.dir, 'no-seeds') });
      try {
        const state = [];
        for (const articleId of books) {
          const passages = (await gloss.listAnnotations({ articleId }))
            .map(({ id, note, target }) => ({ id, note, quote: target.quote.exact }))
            .sort((a, b) => a.id.localeCompare(b.id));
          state.push({ passages, note: (await gloss.getArticleNote({ articleId }))?.text ?? null });
        }
        return { state, articles: (await gloss.listArticles()).length };
      } finally {
        await gloss.close();
      }
    };
    try {
      const before = await stateIn(data);
      const { crashed, whole } = await crashAfterEachWrite({
        data,
        scratch: beside,
        method: 'importHighlights',
        requestFile: request,
        stateIn,
      });
      assert.deepEqual(
        whole.state.map((b) => [b.passages.map((p) => p.quote), b.note]),
        [
          [
            ['Light is the left hand of darkness and darkness the right hand of light.'],
            'Reading group, week 3.\n\nCompare with the Handdara chapter. (Kindle clippings, location 900)',
          ],
          [
            ['The ferry runs every twenty minutes.'],
            'Check the winter timetable. (Kindle clippings, location 300)',
          ],
        ],
      );
      assert.equal(whole.articles, 2, 'both books were found: no article made to hold passages');
      assert.ok(
        crashed.length >= 3,
        'the import writes the journal and two notes files, so crashes fall between',
      );
      assertWholeOrNothing({ crashed, whole }, before);
    } finally {
      await rm(lib.dir, { recursive: true, force: true });
      await rm(beside, { recursive: true, force: true });
    }
  });
  it('killed after any one of its writes, leaves the article it makes for a book the library lacks with its passages and note, or neither', async () => {
    const lib = await library();
    await addArticle(lib.gloss, 'The Left Hand of Darkness', LE_GUIN, { byline: 'Ursula K. Le Guin' });
    const { beside, request } = await clippingsImportBeside();
    const data = lib.dir;
    await lib.gloss.close();
    /** Every article with its passages and note. */
    const stateIn = async (dataDir: string) => {
      const gloss = await createGloss({ dataDir, seedsDir: join(lib.dir, 'no-seeds') });
      try {
        const state = [];
        for (const { id: articleId, title } of await gloss.listArticles()) {
          const passages = (await gloss.listAnnotations({ articleId }))
            .map((a) => a.target.quote.exact)
            .sort();
          state.push({ title, passages, note: (await gloss.getArticleNote({ articleId }))?.text ?? null });
        }
        return state.sort((a, b) => a.title.localeCompare(b.title));
      } finally {
        await gloss.close();
      }
    };
    try {
      const before = await stateIn(data);
      const runs = await crashAfterEachWrite({
        data,
        scratch: beside,
        method: 'importHighlights',
        requestFile: request,
        stateIn,
      });
      assert.deepEqual(runs.whole[0], {
        title: 'Crossings',
        passages: ['The ferry runs every twenty minutes.'],
        note: 'Check the winter timetable. (Kindle clippings, location 300)',
      });
      assertWholeOrNothing(runs, before);
    } finally {
      await rm(lib.dir, { recursive: true, force: true });
      await rm(beside, { recursive: true, force: true });
    }
  });
});
