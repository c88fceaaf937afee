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
  timeout: 60_000,
  expect: { timeout: 7_000 },
  reporter: 'list',
  outputDir: join(tmpdir(), 'gloss-e2e-results'),
  retries: 0,
  use: { trace: 'off', screenshot: 'off', video: 'off' },
});
