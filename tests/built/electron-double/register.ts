/**
 * TEST ONLY: after this import, `import … from 'electron'` anywhere in this
 * process loads the recording stand-in (electron.ts) instead of Electron.
 */
import { register } from 'node:module';

register(new URL('./resolve-hook.mjs', import.meta.url));
