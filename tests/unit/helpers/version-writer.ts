/**
 * Child process for the version crash test: adds a new version of one large
 * article (about 1 MB, 200 annotations) to the store at argv[2] in an endless
 * loop, printing {"acked":n} once version n is durable, until killed. Each
 * version starts with its own "Update n" paragraph, of a length that changes
 * every round, so positions on one text are wrong on the next: a notes file
 * and a content file from different rounds would show.
 */
import { openStore } from '@core/store/index';
import { addVersionFrom } from '@core/versions/add-version';
import { versionArticle, versionedBase, versionedAnnotations } from './version-fixtures';

const dir = process.argv[2];
const store = await openStore(dir);
const base = versionedBase();
if (!store.hasArticle(base.id)) {
  await store.putArticle(base);
  for (const a of versionedAnnotations(base)) await store.putAnnotation(a);
}
let n = ((await store.getArticle(base.id)).versions?.length ?? 1) - 1;
for (;;) {
  n++;
  await addVersionFrom(store, base.id, versionArticle(n));
  console.log(JSON.stringify({ acked: n }));
}
