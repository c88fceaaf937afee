import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

// The command line, built as main is (ESM for Electron's Node, dependencies left
// to node_modules), into out/cli/ so the packaged app carries it.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/cli',
      rollupOptions: { input: { index: resolve('main/cli/entry.ts') } },
    },
  },
});
