import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ensureRendererBuilt } from '../harness/launchApp';
import { CANNOT_INSTALL, findChromium, thisMachine, whenNoChromium } from '../harness/find-chromium';

/**
 * A Chromium to drive: the machine's own if it has one (nothing is downloaded
 * then); otherwise Playwright's, fetched once — except on CI or with
 * GLOSS_NO_DOWNLOAD, where the run stops saying what to install.
 */
async function ensureChromium(): Promise<void> {
  const search = await thisMachine();
  if (findChromium(search)) return;
  const plan = whenNoChromium(search.env);
  if (!plan.install) throw new Error(plan.message);
  console.log(
    'No Chromium or Chrome on this machine: fetching Playwright’s (npx playwright install chromium)…',
  );
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const r = spawnSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'inherit' });
  if (r.status !== 0 || !findChromium(search)) throw new Error(CANNOT_INSTALL);
}

/** Find (or fetch) a Chromium, and build the renderer if its sources changed since the last build. */
export default async function globalSetup(): Promise<void> {
  await ensureChromium();
  await ensureRendererBuilt();
}
