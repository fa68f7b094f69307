import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** Serious and critical axe violations, with where they are, for a readable failure. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    for (const view of ['explorer', 'highway', 'lab', 'tour'] as const) {
      test(`${view}: no serious or critical accessibility violations`, async ({ page }) => {
        await page.goto(`./?view=${view}&step=3`);
        await expect(page.getByRole('tab', { name: /Explorer/ })).toBeVisible({ timeout: 30_000 });
        if (view !== 'tour')
          await expect(page.getByTestId('loss-on')).toHaveText(/^\d+\.\d{3}$/, { timeout: 30_000 });
        else await expect(page.getByTestId('tour')).toBeAttached();
        // Let every panel finish drawing before auditing.
        await page.waitForLoadState('networkidle');
        expect(await seriousViolations(page)).toEqual([]);
      });
    }

    test(`the other theme, asked for in the link: no serious or critical violations`, async ({
      page,
    }) => {
      const other = scheme === 'light' ? 'dark' : 'light';
      await page.goto(`./?theme=${other}&step=3`);
      await expect(page.getByTestId('loss-on')).toHaveText(/^\d+\.\d{3}$/, { timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      await expect(page.locator('html')).toHaveAttribute('data-theme', other);
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('an embedded view: no serious or critical accessibility violations', async ({ page }) => {
      await page.goto('./?embed=lens&step=2');
      await expect(page.getByTestId('chart-lens').locator('table')).toBeVisible({
        timeout: 30_000,
      });
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
