import { expect, test } from '@playwright/test';

test('loads the bundled model in a worker and shows its loss on the example sentence', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  const loss = page.getByTestId('example-loss');
  await expect(loss).toHaveText(/^\d+\.\d{3}$/, { timeout: 30_000 });
  const value = Number(await loss.textContent());
  // A trained model must beat the uniform guess over the vocabulary (ln V ≈ 5) by a wide margin.
  expect(value).toBeGreaterThan(0);
  expect(value).toBeLessThan(3);
  await expect(page.getByTestId('model-info')).toContainText('layers');
  expect(errors).toEqual([]);
});
