/**
 * Menu commands sent while the app is starting are not lost: launchApp
 * resolves once the renderer listens, emit waits for the page it reaches to
 * listen (after a reload too), and the renderer keeps a command that comes
 * before its shell has mounted (renderer/src/app/mainEvents.ts). The page's
 * CPU is slowed so the start-up is as slow as on the busiest machine.
 */
import { test, expect } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';

let app: GlossApp | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('a menu command sent as the renderer first subscribes, before React has mounted, is carried out once it has', async () => {
  app = await launchApp({ earlyEvents: [{ type: 'command', command: 'help' }] });
  await expect(app.page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  expect(app.errors).toEqual([]);
});

test('a menu command sent the moment the app is launched reaches it, on a slowed page', async () => {
  app = await launchApp({ cpuThrottle: 8 });
  await app.emit({ type: 'command', command: 'help' });
  await expect(app.page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  expect(app.errors).toEqual([]);
});

test('a menu command sent right after a reload reaches the reloaded page', async () => {
  app = await launchApp({ cpuThrottle: 8 });
  await app.page.reload();
  await app.emit({ type: 'command', command: 'preferences' });
  await expect(app.page.getByRole('dialog', { name: 'Preferences' })).toBeVisible();
  expect(app.errors).toEqual([]);
});
