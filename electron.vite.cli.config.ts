import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

// The command line, built as main is (ESM for Electron's Node, dependencies left
// to node_modules), into out/cli/ so the packaged app carries it.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/cli',
      // The worker threads, started from beside the bundle (main/core/worker-file.ts): the search index's
      // (main/core/search/search-client.ts), its compactions' (started by it: compaction-client.ts) and
      // the PDF reader's (main/core/import/pdf.ts).
      rollupOptions: {
        input: {
          index: resolve('main/cli/entry.ts'),
          'search-worker': resolve('main/core/search/worker.ts'),
          'search-compaction-worker': resolve('main/core/search/compaction-worker.ts'),
          'pdf-worker': resolve('main/core/import/pdf-worker.ts'),
        },
      },
    },
  },
});
