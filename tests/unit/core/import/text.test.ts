import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildArticle } from '@core/document/build';
import type { Article, BlockInput } from '@core/document/types';
import { decodeText, firstInvalidUtf8Offset } from '@core/import/decode';
import { matchDateline, parsePlainText, parseTextFile } from '@core/import/text';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const SEED = path.join(root, 'seeds/000-kurdistan24-coalition-isis-priority.txt');
const FIXTURES = path.join(root, 'tests/fixtures/text');

async function importFile(file: string): Promise<{ article: Article; warnings: string[] }> {
  const bytes = new Uint8Array(await readFile(file));
  const doc = await parseTextFile({ bytes, fileName: path.basename(file) });
  const article = buildArticle(
    doc.blocks,
    { ...doc.meta, format: 'text', fileName: path.basename(file) },
    bytes,
  );
  return { article, warnings: doc.warnings ?? [] };
}

const ofKind = <K extends BlockInput['kind']>(blocks: BlockInput[], kind: K) =>
  blocks.filter((b): b is Extract<BlockInput, { kind: K }> => b.kind === kind);

describe('plain-text import of the Kurdistan 24 seed article', () => {
  let source: string;
  let article: Article;
  let warnings: string[];

  before(async () => {
    source = await readFile(SEED, 'utf8');
    ({ article, warnings } = await importFile(SEED));
  });

  it('reads valid UTF-8 without warnings', () => {
    assert.deepEqual(warnings, []);
  });

  it('takes the first line as the title, as written', () => {
    const title =
      "'The enduring defeat of ISIS in Syria and Iraq remains the coalition's top priority': Global Coalition";
    assert.equal(article.blocks[0].kind, 'title');
    assert.equal(article.blocks[0].text, title);
    assert.equal(article.meta.title, title);
  });

  it('takes the short quoted line under the title as the standfirst', () => {
    assert.equal(article.blocks[1].kind, 'standfirst');
    assert.equal(
      article.blocks[1].text,
      '"We will use all available tools in the pursuit of that goal and we will not relent until ISIS no longer constitutes a threat."',
    );
    assert.equal(ofKind(article.blocks, 'standfirst').length, 1);
  });

  it('reads place and source from the dateline that opens the first paragraph', () => {
    assert.equal(article.meta.place, 'ERBIL');
    assert.equal(article.meta.source, 'Kurdistan 24');
    assert.equal(article.meta.published, undefined, 'the dateline gives no date, so none is guessed');
    const first = ofKind(article.blocks, 'paragraph')[0];
    assert.equal(first.dateline, 'ERBIL (Kurdistan 24) – ');
    assert.ok(first.text.startsWith(first.dateline!));
    assert.equal(ofKind(article.blocks, 'paragraph').filter((p) => p.dateline).length, 1);
  });

  it('keeps each doubled photo caption once, with its credit', () => {
    const captions = ofKind(article.blocks, 'caption');
    assert.deepEqual(
      captions.map((c) => c.credit),
      ['Capt. Robyn Haake/U.S. Army', 'Aaref Watad/AFP', 'Saul Loe/AFP'],
    );
    for (const c of captions) {
      assert.equal(c.text.slice(c.creditOffset), `(Photo: ${c.credit})`);
      assert.equal(source.split(c.text).length - 1, 2, 'the source prints each caption twice');
    }
    assert.equal(new Set(captions.map((c) => c.text)).size, 3);
  });

  it('turns the two "Read More:" lines into related blocks', () => {
    const related = ofKind(article.blocks, 'related');
    assert.equal(related.length, 2);
    assert.deepEqual(
      related.map((r) => r.label),
      ['Read More', 'Read More'],
    );
    assert.equal(
      related[0].text,
      'Read More:\u00a0Biden hails Kurdish forces in operation that killed ISIS leader, fight the terrorist group',
    );
    assert.equal(
      related[1].text,
      "Read More:\u00a0ISIS weaker following 'brazen' Syria prison attack: Coalition",
    );
  });

  it('keeps every character of the body: canonical text = source minus doubled captions and line-end spaces', () => {
    // Built from the file alone: trim line ends, drop the second of two identical
    // consecutive lines, drop blank lines. Each remaining line is one block here.
    const expected: string[] = [];
    for (const line of source.split('\n').map((l) => l.trimEnd())) {
      if (line === '' || line === expected[expected.length - 1]) continue;
      expected.push(line);
    }
    assert.deepEqual(
      article.blocks.map((b) => b.text),
      expected,
    );
    assert.equal(article.text, expected.join('\n\n'));
    for (const b of article.blocks) assert.equal(article.text.slice(b.start, b.end), b.text);
  });

  it('keeps the unbalanced opening quote, dashes and non-breaking spaces exactly', () => {
    const swift = article.blocks.find((b) => b.text.startsWith('"The swift actions'));
    assert.ok(swift);
    assert.equal(
      swift.text,
      '"The swift actions of our local partners – at the cost of casualties to their forces – to halt the attack against the Hasakah detention center denied Daesh/ISIS\'s attempt to replenish its forces with detainees housed there, added the statement.',
    );
    assert.ok(article.text.includes('The\u00a0statement\u00a0emphasized'));
    const withTrailing = article.blocks.find((b) => b.text.startsWith('International media'));
    assert.ok(
      withTrailing?.text.endsWith('US-led coalition.'),
      'only the trailing spaces at the line end go',
    );
  });
});

describe('plain text without article features', () => {
  it('imports a hard-wrapped book chapter as a title and paragraphs, line breaks kept', async () => {
    const { article } = await importFile(path.join(FIXTURES, 'chapter.txt'));
    assert.deepEqual(
      article.blocks.map((b) => b.kind),
      ['title', 'paragraph', 'paragraph', 'paragraph'],
    );
    assert.equal(article.meta.title, 'Chapter One: The River');
    assert.equal(article.meta.place, undefined);
    assert.equal(article.meta.source, undefined);
    assert.equal(
      article.blocks[2].text,
      '"You\'ll see," she told him — and he did, though not the way she\nmeant it.',
      'a quoted paragraph that is not wholly one quote is not a standfirst',
    );
    const source = await readFile(path.join(FIXTURES, 'chapter.txt'), 'utf8');
    assert.equal(article.text + '\n', source.replace(/\n\n+/g, '\n\n'));
  });

  it('titles notes whose first line is a long paragraph after the file name', async () => {
    const { article } = await importFile(path.join(FIXTURES, 'reading-notes.txt'));
    assert.equal(article.meta.title, 'reading-notes');
    assert.deepEqual(
      article.blocks.map((b) => b.kind),
      ['paragraph', 'paragraph', 'paragraph'],
    );
    assert.equal(
      article.blocks[1].text,
      '- the chair\'s figures don\'t add up (p. 4)\n- ask about the "temporary" hires',
    );
  });

  it('gives an empty text no blocks and a title from the file name', () => {
    const doc = parsePlainText(' \n\t\n', { fileName: 'blank.txt' });
    assert.deepEqual(doc.blocks, []);
    assert.equal(doc.meta.title, 'blank');
  });
});

describe('captions, related links and datelines in other spellings', () => {
  it('recognises Credit / File photo / Photograph / Image wrappers, See also, and a dated dateline', async () => {
    const { article } = await importFile(path.join(FIXTURES, 'captions-and-datelines.txt'));
    assert.deepEqual(
      article.blocks.map((b) => b.kind),
      ['title', 'paragraph', 'caption', 'caption', 'caption', 'caption', 'related', 'paragraph'],
    );
    const captions = ofKind(article.blocks, 'caption');
    assert.deepEqual(
      captions.map((c) => c.credit),
      ['J. Doe/Harbour Times', 'R. Roe', 'A. N. Other/Agency', 'Port Authority'],
    );
    assert.deepEqual(
      captions.map((c) => c.text.slice(c.creditOffset!)),
      [
        '(Credit: J. Doe/Harbour Times)',
        '(File photo: R. Roe)',
        '(Photograph: A. N. Other/Agency).',
        '(Image: Port Authority)',
      ],
    );
    const related = ofKind(article.blocks, 'related')[0];
    assert.equal(related.label, 'See also');
    assert.equal(related.href, 'https://example.org/tides');
    assert.equal(article.meta.place, 'WASHINGTON');
    assert.equal(article.meta.source, 'Wire Service');
    assert.equal(article.meta.published, '2022-02-09');
    assert.equal(
      ofKind(article.blocks, 'paragraph')[0].dateline,
      'WASHINGTON, Feb. 9, 2022 (Wire Service) — ',
    );
  });

  it('accepts datelines with en dash, em dash or spaced hyphen, and rejects look-alikes', () => {
    assert.equal(matchDateline('WASHINGTON, D.C. (AP) — The')?.place, 'WASHINGTON, D.C.');
    assert.equal(matchDateline('DUHOK (Kurdistan 24) - The')?.prefix, 'DUHOK (Kurdistan 24) - ');
    assert.equal(matchDateline('LONDON, 3 March 2021 (Reuters) – x')?.published, '2021-03-03');
    assert.equal(matchDateline('Erbil (Kurdistan 24) – not all capitals'), undefined);
    assert.equal(matchDateline('NATO (the alliance)-based forces'), undefined);
    assert.equal(matchDateline('I (the narrator) – wrote this'), undefined);
    assert.equal(
      matchDateline('ERBIL, Feb. 31, 2022 (K24) – x')?.published,
      undefined,
      'an impossible date is not guessed',
    );
  });

  it('collapses a caption printed twice even with nothing between, but keeps a caption repeated later', () => {
    const cap = 'A boat (Photo: Me)';
    const doc = parsePlainText(['Title', cap, cap, cap, '', 'Body.', '', cap].join('\n'));
    assert.deepEqual(
      doc.blocks.map((b) => b.kind),
      ['title', 'caption', 'paragraph', 'caption'],
    );
  });
});

describe('line endings and byte-order marks', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gloss-text-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const seedBlocks = async (): Promise<string[]> =>
    (await importFile(SEED)).article.blocks.map((b) => b.text);

  it('reads a CRLF copy of the seed exactly like the original', async () => {
    const file = path.join(dir, 'crlf.txt');
    await writeFile(file, (await readFile(SEED, 'utf8')).replace(/\n/g, '\r\n'));
    const { article } = await importFile(file);
    assert.deepEqual(
      article.blocks.map((b) => b.text),
      await seedBlocks(),
    );
    assert.ok(!article.text.includes('\r'));
  });

  it('reads old-Mac CR-only line endings', () => {
    const doc = parsePlainText('Title\r\rFirst.\rSecond line.');
    assert.deepEqual(
      doc.blocks.map((b) => b.text),
      ['Title', 'First.\nSecond line.'],
    );
  });

  it('strips a UTF-8 byte-order mark', async () => {
    const file = path.join(dir, 'bom.txt');
    await writeFile(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), await readFile(SEED)]));
    const { article, warnings } = await importFile(file);
    assert.deepEqual(warnings, []);
    assert.ok(article.meta.title.startsWith("'The enduring"));
    assert.deepEqual(
      article.blocks.map((b) => b.text),
      await seedBlocks(),
    );
  });

  it('reads UTF-16 little- and big-endian files that start with a byte-order mark', async () => {
    const text = 'Café notes\r\n\r\n“Quoted” – ok.';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const bytes of [le, be]) {
      const decoded = decodeText(new Uint8Array(bytes));
      assert.equal(decoded.text, 'Café notes\n\n“Quoted” – ok.');
      assert.deepEqual(decoded.warnings, []);
    }
  });
});

describe('decoding bytes that are not UTF-8', () => {
  it('falls back to Windows-1252 and names the first bad byte', () => {
    const bytes = new Uint8Array([...Buffer.from('Caf'), 0xe9, 0x20, 0x93, 0x6f, 0x6b, 0x94, 0x0d, 0x0a]);
    const { text, warnings } = decodeText(bytes, 'menu.txt');
    assert.equal(text, 'Café “ok”\n');
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0],
      /“menu\.txt” is not valid UTF-8 \(first bad byte at offset 3\); read as Windows-1252/,
    );
  });

  it('finds the first invalid UTF-8 sequence the way TextDecoder judges it', () => {
    assert.equal(firstInvalidUtf8Offset(Buffer.from('plain ascii')), -1);
    assert.equal(firstInvalidUtf8Offset(Buffer.from('é – “ok” 😀')), -1);
    assert.equal(firstInvalidUtf8Offset(new Uint8Array([0x61, 0xc0, 0xaf])), 1, 'overlong');
    assert.equal(firstInvalidUtf8Offset(new Uint8Array([0x61, 0x62, 0xed, 0xa0, 0x80])), 2, 'surrogate');
    assert.equal(firstInvalidUtf8Offset(new Uint8Array([0xe2, 0x80])), 0, 'truncated at the end');
    assert.equal(firstInvalidUtf8Offset(new Uint8Array([0xf4, 0x90, 0x80, 0x80])), 0, 'above U+10FFFF');
  });

  it('never throws, whatever the bytes', () => {
    let seed = 12345;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    for (let n = 0; n < 200; n++) {
      const bytes = new Uint8Array(n * 7).map(() => rand());
      const { text } = decodeText(bytes);
      assert.ok(!text.includes('\r'));
      assert.doesNotThrow(() => parsePlainText(text));
    }
    assert.deepEqual(decodeText(new Uint8Array([0xff, 0xfe, 0x41])), {
      text: '',
      warnings: [
        'The file ends in the middle of a character (UTF-16 with an odd number of bytes); the last byte was dropped.',
      ],
    });
  });
});
