/**
 * Child process for the search crash test: a service on the data folder at
 * argv[2] with the search index open (saved 1 ms after each change, so a kill
 * often lands while it is being written), changing the library in an endless
 * loop and printing {"acked":n} once round n is saved by the store, until killed.
 * Round n adds a highlight noted "rNx"; every third round deletes the
 * highlight of round n-2; every fifth imports an article holding "aNx".
 */
import { createGloss } from '@core/service';

const dir = process.argv[2];
const gloss = await createGloss({ dataDir: dir, seedsDir: `${dir}/no-seeds`, search: { saveDelayMs: 1 } });
const base =
  'Crash test base article\n\nThe coalition said the priority remains the fight against the group.';
let [article] = (await gloss.listArticles()).filter((a) => a.title === 'Crash test base article');
if (!article) article = (await gloss.importText({ text: base })).imported[0];
await gloss.search({ query: 'coalition' }); // the index is open and fed from here on
const notes = (await gloss.listAnnotations({ articleId: article.id })).map((a) =>
  Number(/^r(\d+)x$/.exec(a.note)?.[1] ?? 0),
);
let n = Math.max(
  0,
  ...notes,
  ...(await gloss.listArticles()).map((a) => Number(/^Crash (\d+)$/.exec(a.title)?.[1] ?? 0)),
);
const byRound = new Map<number, string>();
for (;;) {
  n++;
  const a = await gloss.createAnnotation({
    articleId: article.id,
    start: 0,
    end: 5,
    color: 'yellow',
    tags: [`t${n % 4}`],
    note: `r${n}x`,
  });
  byRound.set(n, a.id);
  const old = byRound.get(n - 2);
  if (n % 3 === 0 && old) await gloss.deleteAnnotation({ articleId: article.id, id: old });
  if (n % 5 === 0)
    await gloss.importText({ text: `Crash ${n}\n\nAn article holding a${n}x among other words.` });
  console.log(JSON.stringify({ acked: n }));
}
