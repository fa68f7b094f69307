import type { Page } from '@playwright/test';

/**
 * Points the page at the test server's mirror of Hugging Face's folders
 * (static-server.mjs `/test-mirror/<mode>/`) the documented way, a
 * `<meta name="rse-model-base">` in index.html: for e2e/realModel.spec.ts and bench:ui.
 */
export async function mirrorAt(page: Page, mode: 'ok' | 'slow' | 'truncated' | 'missing') {
  await page.route(
    (url) => url.pathname === '/',
    async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(
        '<head>',
        `<head><meta name="rse-model-base" content="test-mirror/${mode}/" />`,
      );
      await route.fulfill({ response, body: html });
    },
  );
}
