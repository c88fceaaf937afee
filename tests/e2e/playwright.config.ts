/**
 * End-to-end tests: the built renderer in the system's Chromium, driving the
 * real service through tests/harness/launchApp.ts. Playwright's own browsers
 * are never used (each test launches Chromium by path), so nothing downloads.
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
