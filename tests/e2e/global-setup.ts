import { ensureRendererBuilt } from '../harness/launchApp';

/** Build the renderer if its sources changed since the last build. */
export default async function globalSetup(): Promise<void> {
  await ensureRendererBuilt();
}
