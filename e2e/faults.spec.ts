import { expect, test, type Page } from '@playwright/test';

// Faults a reader meets without doing anything wrong: a redeploy that renamed the hashed files
// of an open tab, a chunk that did not download, a link to models this page does not have.
// Each fails alone, says what failed, and offers a way on.

const loss = (page: Page, ch: 'on' | 'off') => page.getByTestId(`loss-${ch}`);
const NUMBER = /^\d+\.\d{3}$/;

test('an engine worker whose script cannot load is retried a few times, then a reload is offered', async ({
  page,
}) => {
  let requests = 0;
  await page.route('**/engine.worker-*.js', (route) => {
    requests++;
    return route.fulfill({ status: 404, body: 'gone' });
  });
  await page.goto('./');
  const notice = page
    .getByTestId('notices')
    .getByRole('alert')
    .filter({ hasText: 'not restarted' });
  await expect(notice).toContainText(/The engine stopped .*4 times in a row.*Reload the page/, {
    timeout: 15_000,
  });
  await expect(notice.getByRole('button', { name: 'Reload' })).toBeVisible();
  // No more attempts after giving up (without the bound: hundreds a second).
  const after = requests;
  expect(after).toBeLessThanOrEqual(4);
  await page.waitForTimeout(1000);
  expect(requests).toBe(after);

  // Once the file is back, Reload brings the page back.
  await page.unroute('**/engine.worker-*.js');
  await notice.getByRole('button', { name: 'Reload' }).click();
  await expect(loss(page, 'on')).toHaveText(NUMBER, { timeout: 30_000 });
});

for (const { part, chunk, open, ready } of [
  {
    part: 'The lab',
    chunk: 'LabView',
    open: (page: Page) => page.getByRole('tab', { name: /Lab/ }).click(),
    ready: (page: Page) => page.getByTestId('lab'),
  },
  {
    part: 'The tour',
    chunk: 'TourView',
    open: (page: Page) => page.getByRole('tab', { name: /Tour/ }).click(),
    ready: (page: Page) => page.getByTestId('tour-count'),
  },
]) {
  test(`${part} failing to download fails alone, with a retry`, async ({ page }) => {
    await page.goto('./');
    await expect(loss(page, 'on')).toHaveText(NUMBER, { timeout: 30_000 });
    const route = `**/${chunk}-*.js`;
    await page.route(route, (r) => r.abort());
    await open(page);
    const failed = page.getByTestId('part-failed');
    await expect(failed).toContainText(`${part} could not be loaded`);
    // The rest of the page is still there.
    await expect(page.getByRole('tab', { name: /Explorer/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Residual Stream Explorer' })).toBeVisible();

    await page.unroute(route);
    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect(ready(page)).toBeVisible({ timeout: 30_000 });
    await expect(failed).toHaveCount(0);
  });
}

for (const { what, url, chunk } of [
  { what: 'the embed app', url: './?embed=norms', chunk: 'EmbedApp' },
  { what: 'an embedded lab section', url: './?embed=identity', chunk: 'IdentitySection' },
]) {
  test(`${what} failing to download says so, with a retry`, async ({ page }) => {
    const route = `**/${chunk}-*.js`;
    await page.route(route, (r) => r.abort());
    await page.goto(url);
    const failed = page.getByTestId('part-failed');
    await expect(failed).toContainText('could not be loaded', { timeout: 30_000 });
    await page.unroute(route);
    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByTestId('embed')).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('[data-testid$="-summary"]').first()).toHaveAttribute(
      'aria-label',
      /\d/,
      { timeout: 30_000 },
    );
    await expect(failed).toHaveCount(0);
  });
}

test('a link to the lab’s models in a page without them falls back to the shipped ones', async ({
  page,
}) => {
  await page.goto('./?source=lab');
  await expect(page.getByTestId('notices')).toContainText('The lab’s models are not in this page');
  await expect(loss(page, 'on')).toHaveText(NUMBER, { timeout: 30_000 });
  await expect(page).not.toHaveURL(/source=lab/);
});

test('an embed asked for the lab’s models says so and shows the shipped ones', async ({ page }) => {
  await page.goto('./?embed=norms&source=lab');
  await expect(page.getByTestId('notices')).toContainText('The lab’s models are not in this page');
  await expect(page.getByTestId('norms-summary')).toHaveAttribute('aria-label', /\d/, {
    timeout: 30_000,
  });
});

test('a lesion beyond the model is dropped with a notice, and the rest of the link is kept', async ({
  page,
}) => {
  await page.goto('./?lesion=1,8');
  await expect(page.getByTestId('notices')).toContainText(
    'This model has sublayers 0 to 7; lesion 8 was dropped.',
  );
  await expect(loss(page, 'on')).toHaveText(NUMBER, { timeout: 30_000 });
  await expect(page).toHaveURL(/lesion=1(&|$)/);
});

test('an embed given a lesion beyond the model says so and draws the chart', async ({ page }) => {
  await page.goto('./?embed=norms&lesion=8');
  await expect(page.getByTestId('notices')).toContainText('lesion 8 was dropped');
  await expect(page.getByTestId('norms-summary')).toHaveAttribute('aria-label', /\d/, {
    timeout: 30_000,
  });
});

test('a model file that is missing is named with its status, its views say so, and Retry loads it', async ({
  page,
}) => {
  await page.route('**/models/plain.safetensors', (r) => r.fulfill({ status: 404, body: '' }));
  await page.goto('./');
  const notice = page.getByTestId('notices').getByRole('alert').filter({ hasText: 'plain' });
  await expect(notice).toContainText(/Could not fetch \S+models\/plain\.safetensors: HTTP 404/, {
    timeout: 30_000,
  });
  await expect(loss(page, 'on')).toHaveText(NUMBER, { timeout: 30_000 });
  await expect(page.getByTestId('survival-summary')).toHaveAttribute(
    'aria-label',
    /Nothing to compare with: the model trained without skips could not be loaded/,
  );

  await page.unroute('**/models/plain.safetensors');
  await notice.getByRole('button', { name: 'Retry' }).click();
  await expect(loss(page, 'off')).toHaveText(NUMBER, { timeout: 30_000 });
  await expect(page.getByTestId('survival-summary')).toHaveAttribute('aria-label', /against/);
});

test('a model download with no answer at all is named too', async ({ page }) => {
  await page.route('**/models/residual.safetensors', (r) => r.abort());
  await page.goto('./');
  await expect(page.getByTestId('notices')).toContainText(
    /Could not fetch \S+models\/residual\.safetensors: no answer \(Failed to fetch\)/,
    { timeout: 30_000 },
  );
  await page.unroute('**/models/residual.safetensors');
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(loss(page, 'on')).toHaveText(NUMBER, { timeout: 30_000 });
});
