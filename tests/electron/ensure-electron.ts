/**
 * Before the Electron suite: if node_modules/electron has no binary yet (npm
 * leaves install scripts unrun until approved), try Electron's own installer
 * once. Where the download cannot be reached, the suite then skips itself with
 * the reason; a failure here never fails the run.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary, ROOT } from './electron-binary';

if (!electronBinary().path && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'electron', 'install.js')], {
    encoding: 'utf8',
    timeout: 10 * 60_000,
  });
  if (r.status !== 0) {
    const why =
      `${r.stderr ?? ''}`
        .split('\n')
        .find((l) => /error/i.test(l))
        ?.trim() ?? `installer exited with ${r.status}`;
    console.log(`[tests/electron] could not fetch Electron's binary: ${why}`);
  }
}
