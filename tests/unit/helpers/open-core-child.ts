/**
 * The child process of tests/unit/core/lazy-loading.test.ts. It records every
 * module it loads (a loader hook appends each URL to a file before the module
 * is read), opens the data folder given with createGloss, lists the library,
 * then sends one request with a bad payload. After each step it prints a JSON
 * line: the step and the packages (node_modules names) loaded so far.
 */
import { recordLoads } from './record-loads';

const [dataDir, log] = process.argv.slice(2);
const packagesLoaded = recordLoads(log);
const report = (step: string, extra: object = {}): void =>
  void process.stdout.write(`${JSON.stringify({ step, packages: packagesLoaded(), ...extra })}\n`);

const { createGloss } = await import('@core/service');
const service = await createGloss({ dataDir });
const articles = await service.listArticles();
report('opened', {
  articles: articles.length,
  settings: await service.getSettings(),
});
const refused = await service.getArticle({ id: 42 as never }).then(
  () => 'accepted',
  (err: { code?: string }) => err.code,
);
report('validated', { refused });
await service.close();
