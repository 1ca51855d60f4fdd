/**
 * Browser tests (Playwright) of the pages the harness writes. They run against the system Chromium (Debian
 * package `chromium`); Playwright's own browser download is never used. Override the binary with
 * PLAYWRIGHT_CHROMIUM_EXECUTABLE on hosts where it lives elsewhere.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'reports/browser',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: 'list',
  timeout: 60_000,
  use: {
    browserName: 'chromium',
    headless: true,
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
