import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseKindleDate } from '@core/interop/kindle-dates';
import { parseKindle, splitTitleLine } from '@core/interop/kindle';
import { parseHighlightsFile } from '@core/interop/index';

const FIXTURE = join(process.cwd(), 'tests', 'fixtures', 'highlights', 'kindle-my-clippings.txt');
const bytes = () => new Uint8Array(readFileSync(FIXTURE));
const parsed = () => parseHighlightsFile(bytes(), 'My Clippings.txt');
const doc = (title: string) => {
  const d = parsed().documents.find((x) => x.title === title);
  assert.ok(d, `no document “${title}”`);
  return d;
};

describe('Kindle My Clippings.txt', () => {
  it('is recognised from its content and split into one document per book, titled and attributed as the Kindle wrote them', () => {
    const r = parsed();
    assert.equal(r.format, 'kindle');
    assert.deepEqual(
      r.documents.map((d) => [d.title, d.authors]),
      [
        ['The Left Hand of Darkness', ['Le Guin, Ursula K.']],
        ["L'Étranger", ['Albert Camus']],
        ['Der Process', ['Franz Kafka']],
        ['Cien años de soledad', ['Gabriel García Márquez']],
        ['Il nome della rosa', ['Umberto Eco']],
        ['Dom Casmurro', ['Machado de Assis']],
        ['吾輩は猫である', ['夏目漱石']],
        ['围城', ['钱钟书']],
      ],
    );
  });

  it('reads highlights, notes and bookmarks in English, French, German, Spanish, Italian, Portuguese, Japanese and Chinese', () => {
    const one = (title: string) => doc(title).highlights;
    assert.equal(
      one("L'Étranger")[0].text,
      "Aujourd'hui, maman est morte. Ou peut-être hier, je ne sais pas.",
    );
    assert.equal(one("L'Étranger")[0].note, 'La première phrase.');
    assert.equal(one('Der Process')[0].note, 'Der berühmte erste Satz.');
    assert.equal(one('Cien años de soledad')[0].note, 'El hielo.');
    assert.equal(one('Il nome della rosa')[0].text, 'Stat rosa pristina nomine, nomina nuda tenemus.');
    assert.equal(one('Dom Casmurro')[0].note, 'Começo do livro.');
    assert.equal(one('吾輩は猫である')[0].text, '吾輩は猫である。名前はまだ無い。');
    assert.equal(one('吾輩は猫である')[0].note, '有名な書き出し。');
    assert.equal(one('围城')[0].note, '名句。');
    for (const d of parsed().documents)
      assert.equal(d.highlights.length, d.title === 'The Left Hand of Darkness' ? 3 : 1, d.title);
  });

  it('keeps where each passage was and when it was made, in every language', () => {
    const [, h] = doc('The Left Hand of Darkness').highlights;
    assert.equal(h.location, 'page 7 · location 98–99');
    assert.equal(h.created, '2019-03-03T22:13:55.000Z');
    assert.equal(doc("L'Étranger").highlights[0].created, '2019-03-03T22:13:55.000Z');
    assert.equal(doc('Der Process').highlights[0].created, '2024-03-05T21:12:45.000Z');
    assert.equal(doc('Der Process').highlights[0].location, 'location 233–235');
    assert.equal(doc('Cien años de soledad').highlights[0].created, '2024-03-12T21:30:15.000Z');
    assert.equal(doc('Il nome della rosa').highlights[0].created, '2019-09-30T18:00:39.000Z');
    assert.equal(doc('Dom Casmurro').highlights[0].created, '2019-09-30T18:00:39.000Z');
    assert.equal(doc('吾輩は猫である').highlights[0].created, '2024-12-30T14:46:33.000Z');
    assert.equal(doc('吾輩は猫である').highlights[0].location, 'page 7 · location 114–116');
    assert.equal(doc('围城').highlights[0].created, '2019-09-30T18:00:39.000Z');
    assert.equal(doc('围城').highlights[0].location, 'page 7 · location 114–116');
  });

  it('attaches a note to the highlight whose locations hold it, and keeps a note with no highlight there as a note of the book', () => {
    const d = doc('The Left Hand of Darkness');
    assert.equal(
      d.highlights.find((h) => h.text === 'Truth is a matter of the imagination.')?.note,
      'The opening line of the whole book.',
    );
    assert.deepEqual(d.notes, [
      {
        text: 'Compare with the Handdara chapter.',
        location: 'location 900',
        created: '2019-03-06T08:00:00.000Z',
      },
    ]);
  });

  it('orders passages by location even when the file lists them out of order', () => {
    const d = doc('The Left Hand of Darkness');
    assert.deepEqual(
      d.highlights.map((h) => h.order),
      [12, 98, 601],
    );
  });

  it('collapses a highlight extended later into the later one, keeping only the longer passage', () => {
    const d = doc('The Left Hand of Darkness');
    const light = d.highlights.filter((h) => h.text.startsWith('Light is the left hand'));
    assert.equal(light.length, 1);
    assert.equal(light[0].text, 'Light is the left hand of darkness and darkness the right hand of light.');
    assert.equal(light[0].created, '2019-03-05T21:31:12.000Z');
  });

  it('skips bookmarks and clippings stopped by the publisher’s limit, and says so', () => {
    const r = parsed();
    assert.ok(r.warnings.includes('6 bookmarks skipped (no words to import).'), r.warnings.join(' | '));
    assert.ok(r.warnings.some((w) => w.startsWith('1 clipping stopped by the publisher’s clipping limit')));
    assert.ok(!r.documents.some((d) => d.title === 'Unbreakable Publisher Book'));
  });

  it('reads the same file with Windows line endings and a byte-order mark before every entry', () => {
    const crlf = readFileSync(FIXTURE, 'utf8')
      .replace(/\n/g, '\r\n')
      .replace(/==========\r\n/g, '==========\r\n\ufeff');
    const r = parseHighlightsFile(new TextEncoder().encode(crlf), 'My Clippings.txt');
    assert.deepEqual(r.documents, parsed().documents);
  });

  it('reads a file that is not valid UTF-8 as Windows-1252, with a warning, instead of failing', () => {
    const latin = Buffer.from(
      'Caf\xe9 Society (Ren\xe9 Dupont)\r\n- Your Highlight on Location 10-11 | Added on Monday, May 6, 2019 9:00:00 AM\r\n\r\nLe caf\xe9 \xe9tait plein.\r\n==========\r\n',
      'latin1',
    );
    const r = parseHighlightsFile(new Uint8Array(latin), 'My Clippings.txt');
    assert.equal(r.documents[0].title, 'Café Society');
    assert.equal(r.documents[0].highlights[0].text, 'Le café était plein.');
    assert.match(r.warnings[0], /not valid UTF-8/);
  });

  it('reads the older header forms: "Highlight Loc. 170-72" means locations 170 to 172', () => {
    const r = parseKindle({
      fileName: 'My Clippings.txt',
      text: 'Old Book (Old Author)\n- Highlight Loc. 170-72  | Added on Thursday, January 13, 2011, 09:25 PM\n\nSome old words.\n==========\n',
    });
    assert.equal(r.documents[0].highlights[0].location, 'location 170–172');
    assert.equal(r.documents[0].highlights[0].created, '2011-01-13T21:25:00.000Z');
  });

  it('reads a very large file (20,000 clippings) into one document per book', () => {
    const entry = (i: number) =>
      `Big Book ${i % 10} (Author ${i % 10})\n- Your Highlight on Location ${i * 3}-${i * 3 + 1} | Added on Monday, May 6, 2019 9:00:00 AM\n\nPassage number ${i} of the big file.\n==========\n`;
    const text = Array.from({ length: 20_000 }, (_, i) => entry(i)).join('');
    const r = parseHighlightsFile(new TextEncoder().encode(text), 'My Clippings.txt');
    assert.equal(r.documents.length, 10);
    assert.equal(
      r.documents.reduce((n, d) => n + d.highlights.length, 0),
      20_000,
    );
  });

  it('splits "Title (Author; Other)" at the last bracket, keeping brackets inside the title', () => {
    assert.deepEqual(splitTitleLine('Dune (Dune Chronicles, Book 1) (Herbert, Frank; Anderson, Brian)'), {
      title: 'Dune (Dune Chronicles, Book 1)',
      authors: ['Herbert, Frank', 'Anderson, Brian'],
    });
    assert.deepEqual(splitTitleLine('A title without author'), {
      title: 'A title without author',
      authors: [],
    });
  });

  it('reads 12-hour clocks, including the Chinese 下午 and 上午', () => {
    assert.equal(parseKindleDate('Sunday, March 3, 2019 12:05:00 AM'), '2019-03-03T00:05:00.000Z');
    assert.equal(parseKindleDate('2019年10月1日星期二 上午9:00:00'), '2019-10-01T09:00:00.000Z');
    assert.equal(parseKindleDate('2019年10月1日星期二 下午12:30:00'), '2019-10-01T12:30:00.000Z');
    assert.equal(parseKindleDate('no date here'), undefined);
  });
});
