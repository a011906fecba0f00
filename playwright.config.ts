// End-to-end tests. `browser`: the real renderer served by `npm run serve`, in Debian's Chromium.
// `electron`: the desktop app via _electron.launch, wherever an Electron binary exists.
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { ELECTRON_MISSING, electronBinary } from './scripts/electron-binary.cjs';

const chromium = process.env.HUBDESK_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  throw new Error(`Chromium not found at ${chromium}: apt-get install -y chromium, or set HUBDESK_CHROMIUM`);
}

// Print once (workers load this file again and inherit the variable).
if (!electronBinary() && !process.env.HUBDESK_ELECTRON_SKIP_PRINTED) {
  process.stdout.write(`[electron] project skipped: ${ELECTRON_MISSING}\n`);
  process.env.HUBDESK_ELECTRON_SKIP_PRINTED = '1';
}

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: '.test-reports/playwright.json' }]],
  outputDir: 'test-results',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'browser',
      testDir: 'test/e2e/browser',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromium,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
    { name: 'electron', testDir: 'test/e2e/electron' },
  ],
});
