/**
 * The renderer's own build, identical to the renderer section of
 * electron.vite.config.ts: lets the e2e harness and screenshots rebuild the UI
 * without building main and preload (`npx vite build --config renderer/vite.config.ts`).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), inlineFirstScreenScript(), startEntryAfterFirstScreen()],
  // The same alias as tsconfig.base.json: the renderer's imports of the core's shared model modules.
  resolve: { alias: { '@core': resolve(here, '../main/core') } },
  build: {
    outDir: resolve(here, '../out/renderer'),
    emptyOutDir: true,
    rollupOptions: { input: { index: resolve(here, 'index.html') } },
  },
});

/**
 * first-screen.js goes into the page itself: an inline script runs the moment
 * the stylesheet is in, where a file of its own was one more request for the
 * parser to wait on (bench open-article, same run: 6–15 ms of ~120). The CSP
 * allows exactly this script by its hash (FIRST_SCREEN_SCRIPT_HASH in
 * main/core/security-policy.ts; a unit test keeps the two equal). In the dev
 * server too, so both run the same page.
 */
function inlineFirstScreenScript(): Plugin {
  const tag = '<script vite-ignore src="./first-screen.js"></script>';
  return {
    name: 'gloss:inline-first-screen-script',
    transformIndexHtml: {
      order: 'pre', // before Vite reads the page's scripts (it drops vite-ignore)
      handler(html) {
        if (!html.includes(tag)) throw new Error(`index.html: no ${tag} to inline`);
        const source = readFileSync(resolve(here, 'first-screen.js'), 'utf8');
        return html.replace(tag, () => `<script>${source}</script>`);
      },
    },
  };
}

/**
 * Build step for the first screen's picture (src/reader/firstScreen.ts). The
 * page asks for its stylesheet first (first-screen.js, inline, waits for it), then for the
 * app's script (a preload: fetched, not run) and its chunks, so the picture's
 * first frame waits for no more than a static page's would. first-screen.js
 * then starts the app's entry: at once when there is no picture, or just after
 * the picture's first frame, so the app's start-up never delays that frame.
 */
function startEntryAfterFirstScreen(): Plugin {
  return {
    name: 'gloss:start-entry-after-first-screen',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const entry = /<script type="module" crossorigin src="([^"]+)"><\/script>\n?/;
        const m = entry.exec(html);
        if (!m) throw new Error('index.html: no entry module script to hand to first-screen.js');
        const chunks = html.match(/ *<link rel="modulepreload"[^>]*>\n?/g) ?? [];
        let out = html.replace(entry, '');
        for (const link of chunks) out = out.replace(link, '');
        const late = [
          `<link rel="preload" as="script" crossorigin href="${m[1]}" data-gloss-entry />`,
          ...chunks.map((l) => l.trim()),
        ];
        return out.replace('</body>', `  ${late.join('\n    ')}\n  </body>`);
      },
    },
  };
}
