// The real model's download against the test server's mirror of Hugging Face's folders, serving
// the committed tiny GPT-2 (mirror.ts).
import { expect, test, type Page } from '@playwright/test';
import { mirrorAt } from './mirror';

const lossOn = (page: Page) => page.getByTestId('loss-on');
const box = (page: Page) => page.getByTestId('real-model');

/** The small models trace: a loss, and a new one for a new text. */
async function smallModelsWork(page: Page) {
  await expect(page.getByRole('radio', { name: 'Trained (shipped)' })).toBeChecked();
  await page.getByRole('textbox', { name: 'Text' }).fill('the cat runs .');
  await expect(lossOn(page)).toHaveText(/^\d+\.\d{3}$/, { timeout: 30_000 });
}

test('a link asks before downloading; the download shows progress; a second visit loads from the cache', async ({
  page,
}) => {
  const fetched: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/test-mirror/')) fetched.push(r.url());
  });
  await mirrorAt(page, 'slow');
  await page.goto('./?model=gpt2');
  await expect(box(page)).toHaveAttribute('data-phase', 'confirm');
  await expect(box(page)).toContainText('GPT-2 small is a 548 MB download from 127.0.0.1');
  // The small models are shown meanwhile, and nothing is fetched before the reader agrees.
  await expect(lossOn(page)).toHaveText(/^\d+\.\d{3}$/, { timeout: 30_000 });
  expect(fetched).toEqual([]);

  await page.getByRole('button', { name: 'Download GPT-2 small (548 MB)' }).click();
  const bar = page.getByTestId('real-model-progress');
  await expect(bar).toHaveAttribute('max', '817304');
  await expect.poll(async () => Number(await bar.getAttribute('value'))).toBeGreaterThan(0);
  expect(Number(await bar.getAttribute('value'))).toBeLessThan(817304);
  await expect(box(page)).toHaveAttribute('data-phase', 'loaded', { timeout: 20_000 });
  await expect(box(page)).toContainText(
    'GPT-2 small is shown: 2 layers, d = 4, 2 heads — downloaded, and kept in this browser',
  );
  await expect(page.getByRole('radio', { name: /Real model: GPT-2/ })).toBeChecked();
  // The charts trace the random tiny GPT-2 now: about ln 50,257 ≈ 10.8 nats of loss, where the
  // small models score below 4 on their own language.
  await expect
    .poll(async () => Number(await lossOn(page).textContent()), { timeout: 20_000 })
    .toBeGreaterThan(9);

  // Again, from the same link: no question, no download of the weights.
  fetched.length = 0;
  await page.goto('./?model=gpt2');
  await expect(box(page)).toHaveAttribute('data-phase', 'loaded', { timeout: 20_000 });
  await expect(box(page)).toContainText('loaded from this browser’s cache');
  expect(fetched.filter((u) => u.endsWith('model.safetensors'))).toEqual([]);
});

test('cancel stops the download, says so, and the small models stay', async ({ page }) => {
  await mirrorAt(page, 'slow');
  await page.goto('./');
  await expect(lossOn(page)).toHaveText(/^\d+\.\d{3}$/, { timeout: 30_000 });
  await page.getByRole('radio', { name: /Real model: GPT-2/ }).check();
  await page.getByRole('button', { name: /^Download GPT-2 small/ }).click();
  await expect(page.getByTestId('real-model-progress')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('notices')).toContainText(
    'The download of GPT-2 small was cancelled.',
  );
  await expect(box(page)).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('model')).toBeNull();
  await smallModelsWork(page);
});

for (const [mode, message] of [
  ['missing', 'Could not download GPT-2 small: the server answered HTTP 404.'],
  ['truncated', 'The download of GPT-2 small was cut off after'],
] as const) {
  test(`a ${mode === 'missing' ? '404' : 'truncated file'} is named, with Retry, and the small models stay`, async ({
    page,
  }) => {
    await mirrorAt(page, mode);
    await page.goto('./');
    await expect(lossOn(page)).toHaveText(/^\d+\.\d{3}$/, { timeout: 30_000 });
    await page.getByRole('radio', { name: /Real model: GPT-2/ }).check();
    await page.getByRole('button', { name: /^Download GPT-2 small/ }).click();
    const notice = page.getByRole('alert').filter({ hasText: message });
    await expect(notice).toContainText('The small models are still loaded.');
    await expect(notice.getByRole('button', { name: 'Retry' })).toBeVisible();
    await smallModelsWork(page);
  });
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the real model says why it is for desktops, and can be tried anyway', async ({ page }) => {
    await mirrorAt(page, 'ok');
    await page.goto('./?model=distilgpt2');
    // Once the small models are drawn, so the page's layout has settled under the click.
    await expect(lossOn(page)).toHaveText(/^\d+\.\d{3}$/, { timeout: 30_000 });
    await expect(box(page)).toContainText('distilgpt2 is offered on desktop computers');
    await expect(box(page).getByRole('button', { name: /^Download/ })).toHaveCount(0);
    await page.getByRole('button', { name: 'Try anyway (353 MB)' }).click();
    await expect(box(page)).toHaveAttribute('data-phase', 'loaded', { timeout: 20_000 });
  });
});

test('the logit lens of GPT-2 is read one selected word at a time, in GPT-2’s own pieces', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await mirrorAt(page, 'ok');
  await page.goto('./?model=gpt2');
  await page.getByRole('button', { name: 'Download GPT-2 small (548 MB)' }).click();
  await expect(box(page)).toHaveAttribute('data-phase', 'loaded', { timeout: 20_000 });
  await page.getByRole('textbox', { name: 'Text' }).fill('hello world');
  const lens = page.getByTestId('chart-lens');
  const word = page.getByTestId('lens-word');
  // The last word is selected first: read at once, with the ranks of the word itself.
  await expect(word).toContainText('for “␣world” the top guess', { timeout: 30_000 });
  await expect(word).toHaveAttribute('data-pending', 'false');
  await expect(word).toContainText(/The word itself ranks #[\d,]+ at the embedding/);
  // 5 points (2 layers) of one word read; the other two columns wait for a click.
  await expect(lens.locator('tbody td:not(.unread)')).toHaveCount(5);
  await expect(lens.locator('tbody td.unread')).toHaveCount(10);
  await lens.getByRole('button', { name: 'hello', exact: true }).click();
  // The word that follows is named by GPT-2's vocabulary (id 995), not the small models' words.
  await expect(word).toContainText('The word that follows, “␣world”, ranks #', {
    timeout: 20_000,
  });
  await expect(lens.locator('tbody td:not(.unread)')).toHaveCount(10);
  expect(await word.textContent()).not.toMatch(/NaN|undefined/);
  const survival = await page.getByTestId('survival-summary').getAttribute('aria-label');
  expect(survival).not.toMatch(/NaN|undefined/);

  // The lab's lesion sweep stays on the small models, and says why, while GPT-2 is shown.
  await page.goto('./?model=gpt2&view=lab');
  await expect(box(page)).toHaveAttribute('data-phase', 'loaded', { timeout: 20_000 });
  await expect(page.getByTestId('lesion-real-model')).toContainText(
    'GPT-2 has no such twin; its own sweep would also hold the engine that traces the explorer for 5 passes',
  );
  expect(errors).toEqual([]);
});
