/**
 * Where Gloss keeps its data. The desktop app and the `gloss` command line
 * resolve the same folder, so both see one library. Electron's userData for a
 * product named "Gloss" is exactly this; the app sets it explicitly anyway.
 */
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_NAME = 'Gloss';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.GLOSS_DATA_DIR) return resolve(env.GLOSS_DATA_DIR);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}

/**
 * The sample articles a new library starts with: seeds/ at the root of the source tree (this module,
 * and the bundles built from it, sit two folders down). Inside an installed app that root is
 * resources/app.asar, and electron-builder puts the seeds beside it in resources/seeds — where the
 * bundled command line finds them (the desktop app passes that path itself).
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SOURCE_SEEDS_DIR = resolve(ROOT, basename(ROOT) === 'app.asar' ? '../seeds' : 'seeds');
