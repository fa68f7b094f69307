import { test } from '@playwright/test';

test('focus under stepper', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./');
  await page.getByTestId('norms-summary').waitFor();
  // scroll far down, then shift-tab back up so focus moves upward under the sticky bar
  await page.keyboard.press('End');
  await page.locator('button').last().focus();
  let hidden = 0, n = 0;
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Shift+Tab');
    const r = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement;
      const s = document.querySelector('.stepper')!.getBoundingClientRect();
      const b = a.getBoundingClientRect();
      return { top: b.top, stepBottom: s.bottom, stepTop: s.top, name: a.tagName + ':' + (a.textContent ?? '').slice(0, 20) };
    });
    n++;
    if (r.stepTop <= 0.5 && r.top < r.stepBottom && r.top > -1000) { hidden++; console.log('HIDDEN', JSON.stringify(r)); }
  }
  console.log('RESULT', hidden, 'of', n);
});
