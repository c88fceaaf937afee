/**
 * The child process of tests/unit/core/lazy-loading.test.ts. It records every
 * module it loads (a loader hook appends each URL to a file before the module
 * is read), opens the data folder given with createGloss, lists the library,
 * then sends one request with a bad payload. After each step it prints a JSON
 * line: the step, the packages (node_modules names) loaded so far and the
 * node built-ins the core has asked for by name.
 */
import { recordLoads } from './record-loads';

const [dataDir, log] = process.argv.slice(2);
const packagesLoaded = recordLoads(log);
// The built-ins the core asks for by name when it first needs one (util/lazy-builtins.ts).
const builtins = new Set<string>();
const getBuiltinModule = process.getBuiltinModule.bind(process) as (id: string) => unknown;
Object.assign(process, {
  getBuiltinModule: (id: string) => (builtins.add(id), getBuiltinModule(id)),
});
const report = (step: string, extra: object = {}): void =>
  void process.stdout.write(
    `${JSON.stringify({ step, packages: packagesLoaded(), builtins: [...builtins].sort(), ...extra })}\n`,
  );

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
