import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import renderer from './renderer/vite.config';

// One tool builds the three parts: main (ESM, deps left to node_modules),
// preload (one self-contained CommonJS file, as a sandboxed preload must be)
// and the renderer (React, plain browser code).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The worker threads, started from beside the bundle (main/core/worker-file.ts): the search index's
      // (main/core/search/search-client.ts), its compactions' (started by it: compaction-client.ts) and
      // the PDF reader's (main/core/import/pdf.ts).
      rollupOptions: {
        input: {
          index: resolve('main/app/index.ts'),
          'search-worker': resolve('main/core/search/worker.ts'),
          'search-compaction-worker': resolve('main/core/search/compaction-worker.ts'),
          'pdf-worker': resolve('main/core/import/pdf-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve('main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  // The renderer has its own Vite config, which the test harness also builds with.
  renderer: { ...renderer, build: { ...renderer.build, minify: true } },
});
