/**
 * The real Electron shell under Playwright's _electron driver. Skipped, with
 * the reason printed, where no Electron binary exists.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './global-setup.ts',
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  outputDir: join(tmpdir(), 'gloss-electron-results'),
});
