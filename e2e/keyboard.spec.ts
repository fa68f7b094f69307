import { expect, test } from '@playwright/test';

/** The main flow with the keyboard alone: type, pick a word, switch skips off, step, play. */
test('the explorer works by keyboard alone, with visible focus', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('loss-on')).toHaveText(/^\d+\.\d{3}$/, { timeout: 30_000 });

  // Tab to the text box and type a new sentence.
  const text = page.getByRole('textbox', { name: 'Text' });
  for (let i = 0; i < 20 && !(await text.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(text).toBeFocused();
  // Focus is visible: the focused control has an outline.
  expect(await text.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('the birds near the tree sing');
  await expect(page.getByTestId('chips').getByRole('button')).toHaveCount(6);

  // Tab on through the examples to the word chips; choose "birds" with Enter.
  const birds = page.getByTestId('chips').getByRole('button', { name: 'birds' });
  for (let i = 0; i < 30 && !(await birds.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(birds).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(birds).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('chart-update')).toContainText('“birds”');

  // The skip control is one radio group: Tab reaches it, an arrow key picks the next choice.
  const skip = page.getByRole('radio', { name: 'with skips' });
  for (let i = 0; i < 20 && !(await skip.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'trained without skips' })).toBeChecked();
  await expect(skip).not.toBeChecked();
  await expect(page.getByTestId('norms-summary')).toHaveAttribute(
    'aria-label',
    /trained without skips/,
  );

  // The layer slider takes the arrow keys, Home and End.
  const slider = page.getByRole('slider', { name: 'Layer' });
  for (let i = 0; i < 30 && !(await slider.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(slider).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByTestId('step-name')).toHaveText('Output');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-name')).toHaveText('Layer 1 · attention');

  // Play with the keyboard: Shift+Tab back to the play button, Enter.
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByTestId('play')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-name')).toHaveText('Layer 2 · attention', {
    timeout: 10_000,
  });

  // Tabs between explorer, highway and lab with the arrow keys.
  await page.getByRole('tab', { name: /Explorer/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: /Highway/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('chart-highway').getByTestId('hw-point')).toHaveCount(9);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: /Lab/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/view=lab/);
});
