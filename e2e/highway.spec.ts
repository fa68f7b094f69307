import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { gpt2Tensors } from '../src/engine/gpt2File';
import { Model } from '../src/engine/model';
import { encodeSafetensors } from '../src/engine/safetensors';

/** The small highway beside the explorer's charts. */
const mini = (page: Page) => page.getByTestId('chart-highway-mini');
const summary = (page: Page, id: string) =>
  page.getByTestId(`${id}-summary`).getAttribute('aria-label');

async function ready(page: Page) {
  await expect(page.getByTestId('loss-on')).toHaveText(/^\d+\.\d{3}$/, { timeout: 30_000 });
  await expect(page.getByTestId('loss-off')).toHaveText(/^\d+\.\d{3}$/);
  await expect(mini(page).getByTestId('hw-point')).toHaveCount(9);
}

/** The trace shown, as the explorer's "Trace as JSON" button saves it. */
async function traceJson(page: Page) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Trace as JSON' }).click(),
  ]);
  return JSON.parse(readFileSync(await file.path(), 'utf8')) as {
    words: string[];
    skipStrength: number;
    stream: number[][];
    streamGradNorms: number[];
  };
}

/** ‖x_p‖ of word t at each point, from the saved trace. */
function wordNorms(tr: { words: string[]; stream: number[][] }, t: number): number[] {
  const C = tr.stream[0].length / tr.words.length;
  return tr.stream.map((x) => Math.hypot(...x.slice(t * C, (t + 1) * C)));
}

const numbers = (loc: Locator, name: string) =>
  loc.evaluateAll((els, n) => els.map((e) => Number(e.getAttribute(n))), name);

test('the highway is lit where the stepper is, and a click on a branch or a point steps there', async ({
  page,
}) => {
  await page.goto('./?step=0');
  await ready(page);
  const hw = mini(page);
  await expect(hw).toHaveAttribute('data-current', '0');
  await expect(hw.locator('[data-testid=hw-point][data-lit]')).toHaveAttribute('data-point', '0');

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-name')).toHaveText('Layer 1 · MLP');
  await expect(hw.locator('[data-testid=hw-point][data-lit]')).toHaveAttribute('data-point', '2');
  await expect(hw.locator('[data-testid=hw-branch][data-lit]')).toHaveAttribute(
    'data-sublayer',
    '1',
  );
  expect(await summary(page, 'highway-mini')).toContain('Lit: Layer 1 · MLP.');

  // Layer 3's attention is sublayer 4; stepping to it shows the stream after it (stage 5).
  await hw.locator('[data-testid=hw-branch][data-sublayer="4"] rect.hw-box').click();
  await expect(page.getByTestId('layer-slider')).toHaveAttribute('data-step', '5');
  await expect(page.getByTestId('step-name')).toHaveText('Layer 3 · attention');
  await hw.getByTestId('hw-output').click();
  await expect(page.getByTestId('step-name')).toHaveText('Output');
  await expect(hw.getByTestId('hw-output')).toHaveAttribute('data-lit', 'true');
  // Keyboard: a focused point steps there with Enter.
  await hw.locator('[data-testid=hw-point][data-point="0"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('layer-slider')).toHaveAttribute('data-step', '0');

  // It exports as every chart does: an SVG file with the stream in it, coloured standalone.
  const [svg] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download highway-mini as SVG' }).click(),
  ]);
  const text = readFileSync(await svg.path(), 'utf8');
  expect(text).toContain('data-testid="hw-stream"');
  expect(text).toMatch(/class="hw-stream[^"]*"[^>]*stroke="rgb\(/);
  // Its numbers are the norms chart's: the same word, the same points.
  const norms = (await summary(page, 'norms'))!.match(
    /from ([\d.]+) at the embedding to ([\d.]+) after the last layer/,
  )!;
  expect(await summary(page, 'highway-mini')).toContain(
    `‖x‖ is ${norms[1]} at the embedding and ${norms[2]} after the last layer`,
  );
});

test('the widths are the trace’s norms; skips off cut the highway, α thins it, and the backward pass is log ‖∂L/∂x‖', async ({
  page,
}) => {
  await page.goto('./?step=0');
  await ready(page);
  const hw = mini(page);
  const points = hw.getByTestId('hw-point');

  const on = await traceJson(page);
  const last = on.words.length - 1; // the selected word: the last by default
  const expected = wordNorms(on, last);
  const drawn = await numbers(points, 'data-norm');
  expected.forEach((v, p) => expect(drawn[p], `point ${p}`).toBeCloseTo(v, 3));
  await expect(hw.getByTestId('hw-skip')).toHaveCount(8);
  await expect(hw.getByTestId('hw-cut')).toHaveCount(0);

  // Skips removed at α = 0: every skip segment is gone.
  await page.getByRole('radio', { name: 'weakened now' }).check();
  await expect(hw.getByTestId('hw-cut')).toHaveCount(8);
  await expect(hw.getByTestId('hw-skip')).toHaveCount(0);
  expect(await summary(page, 'highway-mini')).toContain('Every skip is cut (α = 0)');

  // 0 < α < 1: the skips come back, carrying α·‖x‖, labelled α.
  await page.getByRole('slider', { name: /Skip strength/ }).fill('0.5');
  await expect(hw.getByTestId('hw-cut')).toHaveCount(0);
  await expect(hw.getByTestId('hw-skip')).toHaveCount(8);
  await expect(hw.locator('.hw-alpha').first()).toHaveText('α = 0.5');
  const half = await traceJson(page);
  expect(half.skipStrength).toBe(0.5);
  const halfNorms = wordNorms(half, last);
  const carried = await numbers(hw.getByTestId('hw-skip'), 'data-value');
  carried.forEach((v, k) => expect(v, `skip ${k}`).toBeCloseTo(0.5 * halfNorms[k], 3));
  // Each skip is drawn half as wide as the stream it leaves (where that is wider than the 1 px floor).
  const skipWidths = await numbers(hw.getByTestId('hw-skip'), 'data-width');
  const streamWidths = await numbers(hw.getByTestId('hw-stream'), 'data-width');
  const wide = skipWidths.filter((_, k) => streamWidths[k] >= 2);
  expect(wide.length).toBeGreaterThan(0);
  skipWidths.forEach((w, k) => {
    if (streamWidths[k] >= 2) expect(w, `skip ${k}`).toBeCloseTo(streamWidths[k] / 2, 1);
  });

  // The backward pass: widths follow log ‖∂L/∂x‖ of the trace, point by point.
  await hw.getByRole('checkbox', { name: 'gradient' }).check();
  await expect(hw.locator('[data-testid=hw-stream]:not(.hw-backward)')).toHaveCount(0);
  const grads = await numbers(hw.getByTestId('hw-stream'), 'data-value');
  half.streamGradNorms.forEach((g, p) => expect(grads[p], `point ${p}`).toBeCloseTo(g, 5));
  const widths = await numbers(hw.getByTestId('hw-stream'), 'data-width');
  // w = a + b·log g: the slope between any two points is the same (up to the 0.01 px rounding).
  const lo = grads.indexOf(Math.min(...grads));
  const hi = grads.indexOf(Math.max(...grads));
  const slope = (widths[hi] - widths[lo]) / Math.log(grads[hi] / grads[lo]);
  expect(slope).toBeGreaterThan(0);
  grads.forEach((g, p) =>
    expect(widths[p], `point ${p}`).toBeCloseTo(widths[lo] + slope * Math.log(g / grads[lo]), 1),
  );
  expect(await summary(page, 'highway-mini')).toMatch(/‖∂L\/∂x‖ over the sentence is [\d.]+/);
});

test('a removed sublayer is drawn bypassed, and the embed draws the highway on its own', async ({
  page,
}) => {
  await page.goto('./?embed=highway&step=3&lesion=2');
  const hw = page.getByTestId('chart-highway');
  await expect(hw.getByTestId('hw-point')).toHaveCount(9, { timeout: 30_000 });
  await expect(hw.locator('[data-testid=hw-branch][data-removed]')).toHaveAttribute(
    'data-sublayer',
    '2',
  );
  // The stream passes the removed attention unchanged, through its skip.
  const norms = await numbers(hw.getByTestId('hw-point'), 'data-norm');
  expect(norms[3]).toBeCloseTo(norms[2], 4);
  await expect(hw.locator('[data-testid=hw-point][data-lit]')).toHaveAttribute('data-point', '3');
  expect(await summary(page, 'highway')).toMatch(
    /‖x‖ is \d+\.\d+ at the embedding.*Removed, so bypassed: Layer 2 · attention\. Lit: Layer 2 · attention\./,
  );
  // Hovering a branch tells its numbers.
  await hw.locator('[data-testid=hw-branch][data-sublayer="1"] rect.hw-box').hover();
  await expect(hw.getByRole('status')).toContainText(/‖f\(x\)‖: \d/);
});

test('in the backward pass both models are drawn on one log scale, wider where ‖∂L/∂x‖ is larger', async ({
  page,
}) => {
  await page.goto('./?step=0');
  await ready(page);
  const hw = mini(page);
  await hw.getByRole('checkbox', { name: 'gradient' }).check();
  await expect(hw.locator('[data-testid=hw-stream]:not(.hw-backward)')).toHaveCount(0);
  const on = await numbers(hw.getByTestId('hw-stream'), 'data-width');
  const gOn = (await traceJson(page)).streamGradNorms;
  await page.getByRole('radio', { name: 'trained without skips' }).check();
  await expect
    .poll(() => summary(page, 'highway-mini'))
    .toMatch(/trained without skips.*‖∂L\/∂x‖ over the sentence is/);
  const off = await numbers(hw.getByTestId('hw-stream'), 'data-width');
  const gOff = (await traceJson(page)).streamGradNorms;
  // Whether the plain model's gradient thins on the way down is a measurement, not a given (with
  // its own init it need not): the drawing must say what the traces say, on one scale.
  const last = off.length - 1;
  expect(Math.sign(off[0] - on[0])).toBe(Math.sign(gOff[0] - gOn[0]));
  expect(Math.sign(off[0] - off[last])).toBe(Math.sign(gOff[0] - gOff[last]));
});

test('view=highway is a view of its own: full size, with the stepper, skip control, hover, data table, keyboard and Back', async ({
  page,
}) => {
  await page.goto('./?step=0');
  await ready(page);
  // From the explorer's tabs to the highway: a history entry of its own.
  await page.getByRole('tab', { name: /Highway/ }).click();
  await expect(page).toHaveURL(/view=highway/);
  const hw = page.getByTestId('chart-highway');
  await expect(hw.getByTestId('hw-point')).toHaveCount(9);
  await expect(mini(page)).toHaveCount(0);

  // Its widths are the trace's ‖x‖ of the selected word, and "Show data" lists them.
  const on = await traceJson(page);
  const expected = wordNorms(on, on.words.length - 1);
  const drawn = await numbers(hw.getByTestId('hw-point'), 'data-norm');
  expected.forEach((v, p) => expect(drawn[p], `point ${p}`).toBeCloseTo(v, 3));
  await hw.getByRole('button', { name: 'Show data' }).click();
  const cells = await hw
    .locator('tbody tr td:first-of-type')
    .evaluateAll((els) => els.map((e) => Number(e.textContent)));
  expect(cells).toHaveLength(9);
  cells.forEach((v, p) => expect(v, `row ${p}`).toBeCloseTo(expected[p], 1));

  // The keyboard steps it: the lit point follows, and a focused branch steps there with Enter.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await expect(hw.locator('[data-testid=hw-point][data-lit]')).toHaveAttribute('data-point', '1');
  await hw.locator('[data-testid=hw-branch][data-sublayer="3"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-name')).toHaveText('Layer 2 · MLP');
  await expect(hw.locator('[data-testid=hw-branch][data-lit]')).toHaveAttribute(
    'data-sublayer',
    '3',
  );
  // Focus shows the branch's numbers, as hover does.
  await expect(hw.getByRole('status')).toContainText(/‖f\(x\)‖: \d/);

  // Its skip control and gradient mode: skips removed cut every skip; the backward pass is the
  // trace's ‖∂L/∂x‖.
  await page.getByRole('radio', { name: 'weakened now' }).check();
  await expect(hw.getByTestId('hw-cut')).toHaveCount(8);
  await hw.getByRole('checkbox', { name: /Backward pass/ }).check();
  await expect(hw.locator('[data-testid=hw-stream]:not(.hw-backward)')).toHaveCount(0);
  const cut = await traceJson(page);
  expect(cut.skipStrength).toBe(0);
  const grads = await numbers(hw.getByTestId('hw-stream'), 'data-value');
  cut.streamGradNorms.forEach((g, p) => expect(grads[p], `point ${p}`).toBeCloseTo(g, 5));

  // Back returns to the explorer, Forward to the highway with its state.
  await page.goBack();
  await expect(page.getByRole('tab', { name: /Explorer/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(mini(page).getByTestId('hw-point')).toHaveCount(9);
  await page.goForward();
  await expect(page.getByRole('tab', { name: /Highway/ })).toHaveAttribute('aria-selected', 'true');
  await expect(hw.getByTestId('hw-cut')).toHaveCount(8);
  await expect(page.getByTestId('step-name')).toHaveText('Layer 2 · MLP');
});

test('on a phone the highway view shows the stepper and the drawing above the fold, with every tab in one row', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./?view=highway&step=2');
  const hw = page.getByTestId('chart-highway');
  await expect(hw.getByTestId('hw-point')).toHaveCount(9, { timeout: 30_000 });
  await expect(page.getByTestId('layer-slider')).toBeInViewport();
  await expect(hw.locator('[data-testid=hw-point][data-lit]')).toHaveAttribute('data-point', '2');
  await expect(hw.locator('[data-testid=hw-point][data-point="8"]')).toBeInViewport();
  const tops = await page
    .getByRole('tab')
    .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
  expect(new Set(tops).size).toBe(1);
  const right = await page
    .getByRole('tab', { name: /Lab/ })
    .evaluate((e) => e.getBoundingClientRect().right);
  expect(right).toBeLessThanOrEqual(390);
  // The page itself never scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

/** Whether the element lies inside the scrolling box's visible part. */
const insideBox = async (el: Locator, box: Locator) =>
  el.evaluate(
    (e, b) => {
      const r = e.getBoundingClientRect();
      const v = b.getBoundingClientRect();
      return r.top >= v.top && r.bottom <= v.bottom;
    },
    await box.elementHandle(),
  );

test('a GPT-2 as deep as GPT-2 medium (48 sublayers) fits the window: the drawing scrolls in a box that follows the stepper', async ({
  page,
}) => {
  // Tiny GPT-2 of 24 layers, width 4, in Hugging Face's layout, with its config.json.
  const shape = { vocabSize: 50257, dModel: 4, nHeads: 2, nLayers: 24, contextLength: 16 };
  const model = gpt2Tensors(new Model({ ...shape, mlpHidden: 16 }), '');
  await page.goto('./?step=0');
  await ready(page);
  await page.getByTestId('model-file').setInputFiles([
    {
      name: 'model.safetensors',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(encodeSafetensors(model)),
    },
    { name: 'config.json', mimeType: 'application/json', buffer: Buffer.from('{"n_head": 2}') },
  ]);
  await expect(page.getByTestId('real-model-loaded')).toContainText('24 layers, d = 4, 2 heads');
  await page.getByRole('tab', { name: /Highway/ }).click();
  const hw = page.getByTestId('chart-highway');
  await expect(hw.getByTestId('hw-point')).toHaveCount(49, { timeout: 30_000 });
  const box = hw.getByTestId('hw-scroll');
  const { height } = (await box.boundingBox())!;
  expect(height).toBeLessThanOrEqual(page.viewportSize()!.height);
  // The drawing is taller than its box: 48 bands of 24 px.
  expect(await box.evaluate((b) => b.scrollHeight)).toBeGreaterThan(height + 400);

  // The stepper at the embedding, at the output, and half-way: the lit part is in the box's view.
  await expect(hw.locator('[data-testid=hw-point][data-lit]')).toHaveAttribute('data-point', '0');
  // The box follows the stepper a frame after it is drawn (HighwayDiagram reads its size then).
  await expect
    .poll(() => insideBox(hw.locator('[data-testid=hw-point][data-lit]'), box))
    .toBe(true);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('End');
  await expect(hw.getByTestId('hw-output')).toHaveAttribute('data-lit', 'true');
  await expect.poll(() => insideBox(hw.getByTestId('hw-output'), box)).toBe(true);
  await hw.locator('[data-testid=hw-point][data-point="24"]').click();
  await page.keyboard.press('ArrowRight');
  const branch = hw.locator('[data-testid=hw-branch][data-sublayer="24"]');
  await expect(branch).toHaveAttribute('data-lit', 'true');
  await expect.poll(() => insideBox(branch, box)).toBe(true);
  // Its numbers still show on focus.
  await branch.focus();
  await expect(hw.getByRole('status')).toContainText(/‖f\(x\)‖: \d/);
});
