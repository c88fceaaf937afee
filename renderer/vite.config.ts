/**
 * The renderer's own build, identical to the renderer section of
 * electron.vite.config.ts: lets the e2e harness and screenshots rebuild the UI
 * without building main and preload (`npx vite build --config renderer/vite.config.ts`).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  // The same alias as tsconfig.base.json: the renderer's imports of the core's shared model modules.
  resolve: { alias: { '@core': resolve(here, '../main/core') } },
  build: {
    outDir: resolve(here, '../out/renderer'),
    emptyOutDir: true,
    rollupOptions: { input: { index: resolve(here, 'index.html') } },
  },
});
