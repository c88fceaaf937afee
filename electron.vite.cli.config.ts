import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

// The command line, built as main is (ESM for Electron's Node, dependencies left
// to node_modules), into out/cli/ so the packaged app carries it.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/cli',
      // The search index's worker thread, started by main/core/search/search-client.ts from beside the bundle.
      rollupOptions: {
        input: {
          index: resolve('main/cli/entry.ts'),
          'search-worker': resolve('main/core/search/worker.ts'),
        },
      },
    },
  },
});
