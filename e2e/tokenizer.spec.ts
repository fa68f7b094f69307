import { expect, test } from '@playwright/test';

// GPT-2's vocabulary (≈ 0.55 MB) is a chunk of its own, imported by the worker only for the
// real model (data/textTokenizer.ts): a reader of the small models never downloads it.
test('the small models never fetch GPT-2’s tokenizer', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto('./');
  await expect(page.getByTestId('loss-on')).toHaveText(/^\d+\.\d{3}$/, { timeout: 30_000 });
  // The worker's own requests are seen too: it fetches the models.
  expect(fetched.some((p) => p.endsWith('/models/residual.safetensors'))).toBe(true);
  expect(fetched.some((p) => p.includes('engine.worker'))).toBe(true);
  expect(fetched.filter((p) => p.includes('gpt2Tokenizer'))).toEqual([]);
});
