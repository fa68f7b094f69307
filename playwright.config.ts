import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/chromium';

// E2E_PORT lets two checkouts run their end-to-end tests side by side.
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // A bare link plays through the layers on first load unless the reader asks for less
    // motion (app/firstMinute.ts); tests ask, so no stage moves under them. One test opts back in.
    reducedMotion: 'reduce',
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    // Our own static server: dist/ at the root and under a sub-path, with a strict CSP.
    command: `npm run build && node e2e/static-server.mjs dist ${port}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
