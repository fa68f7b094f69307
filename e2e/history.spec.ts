import { expect, test, type Page } from '@playwright/test';

const ready = (page: Page) =>
  expect(page.getByTestId('loss-on')).toHaveText(/^\d+\.\d{3}$/, { timeout: 30_000 });

test('Back after Explorer → Lab → Tour returns through the Lab to the Explorer, with their states', async ({
  page,
}) => {
  await page.goto('./?step=0');
  await ready(page);
  // Explorer: a layer and a skip choice of the reader's own.
  await page.getByRole('radio', { name: 'weakened now' }).check();
  await page.getByRole('slider', { name: /Skip strength/ }).fill('0.5');
  await page.getByRole('slider', { name: 'Layer' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-name')).toHaveText('Layer 1 · MLP');

  // Lab: the same shared state, stepped on one more.
  await page.getByRole('tab', { name: /Lab/ }).click();
  await expect(page.getByTestId('lab')).toBeVisible();
  await page.getByRole('slider', { name: 'Layer' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-name')).toHaveText('Layer 2 · attention');

  // Tour: its chapter sets its own state.
  await page.getByRole('tab', { name: /Tour/ }).click();
  await expect(page.getByRole('tab', { name: /Tour/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/view=tour/);

  await page.goBack();
  await expect(page.getByTestId('lab')).toBeVisible();
  await expect(page).toHaveURL(/view=lab/);
  await expect(page.getByTestId('step-name')).toHaveText('Layer 2 · attention');
  await expect(page.getByRole('radio', { name: 'weakened now' })).toBeChecked();

  await page.goBack();
  await expect(page.getByRole('tab', { name: /Explorer/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByTestId('chart-norms')).toBeVisible();
  await expect(page.getByTestId('step-name')).toHaveText('Layer 1 · MLP');
  await expect(page.getByRole('radio', { name: 'weakened now' })).toBeChecked();
  await expect(page.getByRole('slider', { name: /Skip strength/ })).toHaveValue('0.5');

  // Forward goes the other way, and the app never left the page.
  await page.goForward();
  await expect(page.getByTestId('lab')).toBeVisible();
  await expect(page.getByTestId('step-name')).toHaveText('Layer 2 · attention');
});

test('small changes (the step, α, typing) rewrite the entry instead of adding to history', async ({
  page,
}) => {
  await page.goto('./');
  await ready(page);
  const length = await page.evaluate(() => history.length);
  await page.getByRole('slider', { name: 'Layer' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.getByRole('textbox', { name: 'Text' }).fill('the birds sing .');
  await expect(page).toHaveURL(/text=the\+birds/);
  expect(await page.evaluate(() => history.length)).toBe(length);
});
