/**
 * End-to-end tests: the built renderer in Chromium, driving the real service
 * through tests/harness/launchApp.ts. Each test launches the Chromium that
 * tests/harness/find-chromium.ts finds (the machine's own first); the global
 * setup fetches Playwright's only where the machine has none.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './global-setup.ts',
  workers: 2,
  fullyParallel: false,
  // Bounds for a hang, not for speed: every wait is for a condition, and on a
  // busy 2-core machine an import or a relaunch can take many times its usual second.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: 'list',
  outputDir: join(tmpdir(), 'gloss-e2e-results'),
  retries: 0,
  use: { trace: 'off', screenshot: 'off', video: 'off' },
});
