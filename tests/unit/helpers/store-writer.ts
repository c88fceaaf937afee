/**
 * Child process for the crash test: writes to the store at argv[2] in an
 * endless loop and prints {"acked":n} once round n is durable, until killed.
 * Each round saves a notes file of about 1 MB (so a kill often lands
 * mid-write), the settings, and every fifth round a new article in library.json.
 */
import { openStore } from '@core/store/index';
import { makeAnnotation, makeArticle } from './store-fixtures';

const dir = process.argv[2];
const store = await openStore(dir);
const first = makeArticle(0);
if (!store.hasArticle(first.id)) await store.putArticle(first);
const existing = await store.listAnnotations(first.id);
let n = existing.reduce((max, a) => Math.max(max, Number(a.note.split(' ')[0]) || 0), 0);
const filler = 'x'.repeat(1_000_000);
for (;;) {
  n++;
  // Both annotations carry the round number: a reader can tell which round it sees.
  await Promise.all([
    store.putAnnotation(makeAnnotation(first, 0, { note: `${n} ${filler}` })),
    store.putAnnotation(makeAnnotation(first, 1, { note: `${n}` })),
    store.updateSettings({ fontSize: 12 + (n % 20) }),
    n % 5 === 0 ? store.putArticle(makeArticle(1000 + n)) : undefined,
  ]);
  console.log(JSON.stringify({ acked: n }));
}
