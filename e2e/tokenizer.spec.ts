import { expect, test } from '@playwright/test';

// GPT-2's vocabulary (≈ 0.55 MB) is a chunk of its own, imported by the worker only for the
// real model (data/textTokenizer.ts): a reader of the small models never downloads it, neither
// as that chunk nor inside the worker's script.
test('the small models never fetch GPT-2’s tokenizer', async ({ page }) => {
  const fetched: string[] = [];
  let workerBytes = 0;
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  page.on('response', async (r) => {
    if (r.url().includes('engine.worker')) workerBytes = (await r.body()).length;
  });
  await page.goto('./');
  await expect(page.getByTestId('loss-on')).toHaveText(/^\d+\.\d{3}$/, { timeout: 30_000 });
  // The worker's own requests are seen too: it fetches the models.
  expect(fetched.some((p) => p.endsWith('/models/residual.safetensors'))).toBe(true);
  expect(fetched.filter((p) => p.includes('gpt2Tokenizer'))).toEqual([]);
  // ≈ 160 kB today; with GPT-2's ranks bundled in it would be over 700 kB.
  expect(workerBytes).toBeGreaterThan(0);
  expect(workerBytes).toBeLessThan(400_000);
});
