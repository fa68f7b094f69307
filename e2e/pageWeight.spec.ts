import { expect, test } from '@playwright/test';
import { codeLoadedGzipKB, PAGE_CODE_BUDGET_KB } from './pageWeight';

test('a bare link downloads no more code than the budget: what it does not show loads later', async ({
  page,
}) => {
  await page.goto('./');
  await expect(
    page.locator('[data-testid$=-summary][aria-label*="at the embedding"]').first(),
  ).toBeVisible({ timeout: 30_000 });
  // Whatever the first screen fetches after its first chart counts too.
  await page.waitForLoadState('networkidle');
  const kb = await codeLoadedGzipKB(page);
  // A real measure, not an empty list: React alone is over 60 KB gzipped.
  expect(kb).toBeGreaterThan(60);
  expect(kb).toBeLessThanOrEqual(PAGE_CODE_BUDGET_KB);
});
