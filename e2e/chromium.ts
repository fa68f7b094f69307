/**
 * The browser the end-to-end tests and `npm run bench:ui` drive: Debian's Chromium by default
 * (Playwright cannot download its own here); CHROMIUM_PATH overrides it, and an empty value
 * uses Playwright's own browser. The flags suit a root user on a closed network.
 */
export const chromiumLaunchOptions = {
  executablePath: (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') || undefined,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};
