import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseHighlightsFile } from '@core/interop/index';
import { splitDotTags } from '@core/interop/readwise-csv';
import { mapColor } from '@core/interop/colors';
import { GlossError } from '@core/errors';

const FIXTURES = join(process.cwd(), 'tests', 'fixtures', 'highlights');
const parse = (name: string) => parseHighlightsFile(new Uint8Array(readFileSync(join(FIXTURES, name))), name);
const bytesOf = (text: string) => new TextEncoder().encode(text);
const refused = (code: string, pattern: RegExp) => (err: unknown) =>
  err instanceof GlossError && err.code === code && pattern.test(err.message);

describe('Readwise CSV', () => {
  it('reads the older 10-column export: highlight, book, author, note, colour, tags, location and date', () => {
    const r = parse('readwise-export-10-columns.csv');
    assert.equal(r.format, 'readwise');
    const [leGuin, k24] = r.documents;
    assert.equal(leGuin.title, 'The Left Hand of Darkness');
    assert.deepEqual(leGuin.authors, ['Ursula K. Le Guin']);
    assert.deepEqual(leGuin.highlights[0], {
      text: 'Truth is a matter of the imagination.',
      note: 'The opening line, "as if I told a story".',
      tags: ['gethen', 'truth'],
      color: 'yellow',
      created: '2019-03-03T22:13:55.000Z',
      modified: '2019-03-03T22:13:55.000Z',
      location: 'location 98',
      order: 98,
    });
    assert.equal(k24.highlights[0].location, undefined, 'an "order" location is no place to show');
  });

  it('takes ".tag" words in a note as tags, the way Readwise reads them, and keeps the rest as the note', () => {
    const [leGuin] = parse('readwise-export-10-columns.csv').documents;
    assert.deepEqual(leGuin.highlights[1].tags, ['theme', 'duality']);
    assert.equal(leGuin.highlights[1].note, "Tormer's lay");
    assert.deepEqual(splitDotTags('See p. 4 and .5, then .later'), {
      note: 'See p. 4 and .5, then',
      tags: ['later'],
    });
  });

  it('skips rows without a highlight and says how many', () => {
    assert.deepEqual(parse('readwise-export-10-columns.csv').warnings, [
      '1 row without a highlight skipped.',
    ]);
  });

  it('reads the 11-column export with Windows line endings and a highlight spanning lines', () => {
    const [essays] = parse('readwise-export-11-columns.csv').documents;
    assert.equal(essays.highlights[0].text, 'Multi-line\nhighlight, with a comma.');
    assert.deepEqual(essays.authors, ['Montaigne, Michel de']);
    assert.equal(essays.highlights[0].location, 'page 12');
  });

  it('reads the Reader export, whose documents have URLs', () => {
    const [doc] = parse('readwise-reader-export.csv').documents;
    assert.equal(doc.url, 'https://example.org/on-highlighting?utm_source=rss');
    assert.equal(doc.highlights.length, 2);
    assert.deepEqual(doc.highlights[0].tags, ['method']);
    assert.equal(doc.highlights[0].note, 'A note');
    assert.equal(doc.highlights[0].created, '2024-05-06T07:08:09.000Z');
  });

  it('refuses a CSV without a Highlight column, naming what it needs', () => {
    assert.throws(
      () => parseHighlightsFile(bytesOf('Highlight text,Page\nfoo,1\n'), 'notes.csv'),
      refused('UNSUPPORTED_FORMAT', /not a highlights file Gloss knows/),
    );
  });
});

describe('Hypothesis API JSON', () => {
  it('reads rows with their quote and its context, note, tags, page address and title', () => {
    const r = parse('hypothesis-api.json');
    assert.equal(r.format, 'hypothesis');
    const [page, other] = r.documents;
    assert.equal(page.title, 'Coalition priority');
    assert.equal(page.url, 'https://www.example.com/news/coalition-priority');
    assert.deepEqual(page.highlights[0], {
      text: "the enduring defeat of ISIS in Syria and Iraq remains the Coalition's top priority",
      note: 'The claim to check against the statement.',
      tags: ['claim', 'ISIS/coalition'],
      created: '2024-02-01T10:20:30.123Z',
      modified: '2024-02-02T08:00:00.000Z',
      prefix: 'in a statement on Wednesday that ',
      suffix: '.\n\n"We will continue to leverage',
      order: 1240,
    });
    assert.equal(other.title, 'An essay elsewhere');
    assert.deepEqual(other.highlights[0].tags, ['later']);
  });

  it('keeps a page note as a note of the page and skips replies, saying so', () => {
    const r = parse('hypothesis-api.json');
    assert.deepEqual(
      r.documents[0].notes.map((n) => n.text),
      ["Whole-page remark: compare with last year's statement."],
    );
    assert.deepEqual(r.warnings, ['1 reply to other annotations skipped.']);
  });

  it('reads a bare array of rows too', () => {
    const { rows } = JSON.parse(readFileSync(join(FIXTURES, 'hypothesis-api.json'), 'utf8'));
    const r = parseHighlightsFile(bytesOf(JSON.stringify(rows)), 'rows.json');
    assert.equal(r.documents.length, 2);
  });
});

describe('KOReader sidecar', () => {
  it('reads the current annotations table: text, note, colour, chapter, page and times, and decodes Lua byte escapes as UTF-8', () => {
    const r = parse('metadata.epub.lua');
    assert.equal(r.format, 'koreader');
    const [doc] = r.documents;
    assert.equal(doc.title, 'The Left Hand of Darkness');
    assert.deepEqual(doc.authors, ['Ursula K. Le Guin', 'Another Author']);
    assert.deepEqual(doc.highlights[0], {
      text: 'Truth is a matter of the imagination.',
      note: 'Gethen\'s "truth" étude',
      tags: [],
      color: 'yellow',
      created: '2024-01-02T10:11:12.000Z',
      modified: '2024-01-03T09:00:00.000Z',
      location: 'Chapter 1: A Parade in Erhenrang · page 7',
      order: 700_000,
    });
    assert.equal(doc.highlights[1].text, 'Light is the left hand of darkness — café');
    assert.equal(doc.highlights[1].color, 'green');
  });

  it('skips bookmarks (entries without a position range)', () => {
    const r = parse('metadata.epub.lua');
    assert.equal(r.documents[0].highlights.length, 2);
    assert.deepEqual(r.warnings, ['1 bookmark skipped (no words to import).']);
  });

  it('reads the older highlight table by page, with each note from its bookmark, and ignores the text KOReader fills in itself', () => {
    const [doc] = parse('metadata.pdf.lua').documents;
    assert.equal(doc.title, 'A Paper in PDF');
    assert.deepEqual(doc.authors, ['A. Scholar']);
    assert.deepEqual(
      doc.highlights.map((h) => [h.text, h.note, h.location]),
      [
        ['The first highlighted words.', 'My own note on it.', 'page 3'],
        ['Second words, not annotated.', '', 'page 5'],
      ],
    );
  });

  it('never runs the Lua: a call or a variable is read as nothing', () => {
    const r = parseHighlightsFile(
      bytesOf(
        'return { ["doc_props"] = { ["title"] = os.execute("rm -rf /") }, ["annotations"] = { { ["pos0"] = "a", ["pos1"] = "b", ["text"] = "Words." } }, ["doc_path"] = "/books/Safe.epub" }',
      ),
      'metadata.epub.lua',
    );
    assert.equal(r.documents[0].title, 'Safe');
  });

  it('refuses a damaged sidecar with a sentence, not a parser trace', () => {
    assert.throws(
      () =>
        parseHighlightsFile(
          bytesOf('return { ["annotations"] = { [1] = { ["text"] = "cut'),
          'metadata.epub.lua',
        ),
      refused('UNSUPPORTED_FORMAT', /“metadata\.epub\.lua” is not a KOReader highlights file Gloss can read/),
    );
  });
});

describe('Calibre viewer annotations', () => {
  it('reads highlights with note, colour, chapter and time, titled after the file, in book order', () => {
    const r = parse('dune.calibre_highlights');
    assert.equal(r.format, 'calibre');
    const [doc] = r.documents;
    assert.equal(doc.title, 'dune');
    assert.deepEqual(
      doc.highlights.map((h) => [h.text, h.note, h.color, h.location]),
      [
        ['I must not fear. Fear is the mind-killer.', 'The litany.', 'purple', 'Book One: Dune › Chapter 1'],
        ['He who controls the spice controls the universe.', '', undefined, 'Book One: Dune'],
      ],
    );
    assert.ok(
      (doc.highlights[1].order ?? 0) < (doc.highlights[0].order ?? 0),
      'spine 2 comes before spine 4',
    );
  });

  it('skips bookmarks and highlights the reader removed', () => {
    assert.deepEqual(parse('dune.calibre_highlights').warnings, [
      '2 bookmarks or removed highlights skipped.',
    ]);
  });
});

describe('Zotero annotations', () => {
  it('reads highlights and underlines under their paper: title, creators and URL from the parent item', () => {
    const r = parse('zotero-annotations.json');
    assert.equal(r.format, 'zotero');
    const [doc] = r.documents;
    assert.equal(doc.title, 'A Paper About Attention');
    assert.deepEqual(doc.authors, ['Ada Lovelace', 'The Research Group']);
    assert.equal(doc.url, 'https://papers.example.org/attention');
    const first = doc.highlights.find((h) => h.text.startsWith('Attention'));
    assert.deepEqual(first, {
      text: 'Attention is all you need, or at least most of it.',
      note: 'Key claim of the paper.',
      tags: ['transformers', 'claim'],
      color: '#ffd400',
      created: '2023-03-01T10:00:00.000Z',
      modified: '2023-03-02T11:00:00.000Z',
      location: 'page 2',
      order: 1_000_450,
    });
  });

  it('keeps a note annotation as a note, and skips an image without comment, saying so', () => {
    const r = parse('zotero-annotations.json');
    assert.deepEqual(r.documents[0].notes, [
      { text: 'A sticky note on page 3.', location: 'page 3', created: '2023-03-01T12:00:00.000Z' },
    ]);
    assert.deepEqual(r.warnings, ['1 annotation without words or comment (images, ink) skipped.']);
  });
});

describe('telling the format', () => {
  it('refuses a file of no known format with a sentence naming the formats Gloss reads', () => {
    assert.throws(
      () => parseHighlightsFile(bytesOf('Just some notes I typed.\n'), 'notes.txt'),
      refused(
        'UNSUPPORTED_FORMAT',
        /“notes\.txt” is not a highlights file Gloss knows: use Kindle’s My Clippings\.txt, a Readwise CSV export/,
      ),
    );
  });

  it('refuses JSON of another kind, and JSON cut short', () => {
    assert.throws(
      () => parseHighlightsFile(bytesOf('{"hello": 1}'), 'x.json'),
      refused('UNSUPPORTED_FORMAT', /is JSON, but not highlights/),
    );
    assert.throws(
      () => parseHighlightsFile(bytesOf('{"rows": [{"uri": "https://a.example"'), 'cut.json'),
      refused('UNSUPPORTED_FORMAT', /does not parse .*cut short/),
    );
  });

  it('refuses a binary file and an empty one', () => {
    assert.throws(
      () => parseHighlightsFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), 'cover.png'),
      refused('UNSUPPORTED_FORMAT', /not a text file/),
    );
    assert.throws(() => parseHighlightsFile(new Uint8Array(0), 'empty.txt'), refused('EMPTY', /is empty/));
  });

  it('refuses a file of a known format that holds nothing to import', () => {
    assert.throws(
      () => parseHighlightsFile(bytesOf('Highlight,Title\n'), 'header-only.csv'),
      refused('EMPTY', /holds no highlights or notes/),
    );
  });
});

describe('colours', () => {
  it('maps names and the hex values other tools use onto Gloss’s five, yellow when unknown', () => {
    assert.deepEqual(['yellow', 'Orange', 'red', 'violet', 'cyan', undefined, 'chartreuse?'].map(mapColor), [
      'yellow',
      'yellow',
      'pink',
      'purple',
      'blue',
      'yellow',
      'yellow',
    ]);
    // Zotero's palette.
    assert.deepEqual(
      ['#ffd400', '#ff6666', '#5fb236', '#2ea8e5', '#a28ae5', '#e56eee', '#f19837', '#aaaaaa'].map(mapColor),
      ['yellow', 'pink', 'green', 'blue', 'purple', 'purple', 'yellow', 'yellow'],
    );
  });
});
