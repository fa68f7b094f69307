import { readFileSync } from 'node:fs';
import { expect, test, type Download } from '@playwright/test';
import { deserializeModel, serializeModel } from '../src/engine/modelFile';

test.beforeEach(async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('loss-on')).toHaveText(/^\d+\.\d{3}$/, { timeout: 30_000 });
});

test('a corrupt model file is refused with a message naming the problem; the model stays', async ({
  page,
}) => {
  const before = await page.getByTestId('loss-on').textContent();
  const good = readFileSync('public/models/residual.safetensors');
  await page.getByTestId('model-file').setInputFiles({
    name: 'cut.safetensors',
    mimeType: 'application/octet-stream',
    buffer: good.subarray(0, 40_000),
  });
  await expect(page.getByTestId('notices')).toContainText(
    'Could not load cut.safetensors: Not a valid safetensors file',
  );
  await expect(page.getByTestId('notices')).toContainText(/file is truncated: .* bytes missing/);
  await page.getByRole('textbox', { name: 'Text' }).fill('the dogs that the cat sees run .');
  await expect(page.getByTestId('loss-on')).toHaveText(before!);
});

test('the file picker refuses a name drag and drop refuses, with the same notice', async ({
  page,
}) => {
  const before = await page.getByTestId('loss-on').textContent();
  const notice = 'model.bin is not a .safetensors file; load a model file (see docs/MODEL.md).';
  await page.getByTestId('model-file').setInputFiles({
    name: 'model.bin',
    mimeType: 'application/octet-stream',
    buffer: readFileSync('public/models/residual.safetensors'),
  });
  await expect(page.getByTestId('notices')).toContainText(notice);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('notices')).toHaveCount(0);
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(8)], 'model.bin'));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }));
  });
  await expect(page.getByTestId('notices')).toContainText(notice);
  await expect(page.getByTestId('loss-on')).toHaveText(before!);
});

test('a reader’s own model file replaces the model its α says, and every view shows it', async ({
  page,
}) => {
  // The plain model, loaded as a file: α = 0, so it becomes the model without skips.
  const bytes = readFileSync('public/models/plain.safetensors');
  const offBefore = await page.getByTestId('loss-off').textContent();
  await page.getByTestId('model-file').setInputFiles({
    name: 'mine.safetensors',
    mimeType: 'application/octet-stream',
    buffer: bytes,
  });
  await expect(page.getByTestId('notices')).toContainText(
    'Loaded mine.safetensors: 4 layers, d = 64, α = 0, as the model without skips.',
  );
  await expect(page.getByTestId('loss-off')).toHaveText(offBefore!);
});

test('the trace downloads as CSV and JSON, and a chart as SVG', async ({ page }) => {
  // Served under a strict CSP (style-src 'self'): writing the files must not be refused.
  const refused: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/.test(m.text())) refused.push(m.text());
  });
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Trace as CSV' }).click(),
  ]);
  const text = readFileSync(await csv.path(), 'utf8');
  const lines = text.trim().split('\n');
  expect(lines[0]).toBe(
    'point,pointName,position,word,streamNorm,cosWithEmbedding,lensTop,lensTopProb',
  );
  expect(lines).toHaveLength(1 + 9 * 8); // 9 residual points × 8 words
  expect(Number(lines[1].split(',')[4])).toBeGreaterThan(0);

  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Trace as JSON' }).click(),
  ]);
  const data = JSON.parse(readFileSync(await json.path(), 'utf8'));
  expect(data.words).toHaveLength(8);
  expect(data.loss).toBeGreaterThan(0);

  const [svg] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download norms as SVG' }).click(),
  ]);
  expect(svg.suggestedFilename()).toBe('norms.svg');
  const svgText = readFileSync(await svg.path(), 'utf8');
  expect(svgText).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svgText).toContain('<path');
  // The page's background goes with it, written as a style the CSP allows.
  expect(svgText).toMatch(/<svg[^>]*style="background: rgb\(/);
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download norms as PNG' }).click(),
  ]);
  expect(
    readFileSync(await png.path())
      .subarray(1, 4)
      .toString(),
  ).toBe('PNG');
  expect(refused).toEqual([]);
});

test('every export button on the explorer and the lab produces a file', async ({ page }) => {
  const files: Download[] = [];
  page.on('download', (d) => files.push(d));
  // Under the strict CSP no file is written with a style the page refuses (canvas charts too).
  const refused: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/.test(m.text())) refused.push(m.text());
  });
  const checkAll = async (where: string) => {
    const buttons = page.getByRole('button', { name: /^Download .+ as (SVG|PNG|CSV)$/ });
    const n = await buttons.count();
    expect(n, where).toBeGreaterThan(5);
    for (let i = 0; i < n; i++) {
      const button = buttons.nth(i);
      const name = (await button.getAttribute('aria-label'))!;
      const kind = name.split(' ').pop()!.toLowerCase();
      // A picture button saves one file per drawing in its chart; a table button one CSV.
      const drawings = await button
        .locator('xpath=ancestor::figure[1]')
        .locator('.chart-body > svg, .canvas-plot > svg')
        .count();
      const expected = kind === 'csv' ? 1 : drawings;
      expect(expected, name).toBeGreaterThan(0);
      const before = files.length;
      await button.click();
      // A PNG is drawn through an image and a canvas first: allow it time on a busy machine.
      await expect
        .poll(() => files.length, { message: name, timeout: 15_000 })
        .toBe(before + expected);
      for (const file of files.slice(before)) {
        expect(file.suggestedFilename(), name).toMatch(new RegExp(`\\.${kind}$`));
        expect(readFileSync((await file.path())!).length, name).toBeGreaterThan(50);
      }
    }
  };
  await expect(page.getByTestId('chart-lens').locator('table')).toBeVisible();
  await checkAll('explorer');
  // The lens is a table: it offers its numbers, not a picture of nothing.
  await expect(page.getByRole('button', { name: 'Download lens as SVG' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Download lens as CSV' })).toHaveCount(1);
  await page.getByRole('tab', { name: /Highway/ }).click();
  await expect(page.getByTestId('chart-highway').getByTestId('hw-point')).toHaveCount(9);
  await checkAll('highway');
  await page.getByRole('tab', { name: /Lab/ }).click();
  await expect(page.getByTestId('ortho-map-on')).toBeVisible({ timeout: 30_000 });
  await checkAll('lab');
  expect(refused).toEqual([]);
});

test('a model whose numbers overflow float32 is said to, in every panel, and nothing shows NaN', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  // The shipped model with layer 2's MLP weights scaled by 1e25: finite, within float32, so the
  // file passes every check, but the stream leaves float32's range in that MLP.
  const { model } = deserializeModel(readFileSync('public/models/residual.safetensors'));
  for (const name of ['transformer.h.1.mlp.c_fc.weight', 'transformer.h.1.mlp.c_proj.weight']) {
    const w = model.params.get(name);
    for (let i = 0; i < w.length; i++) w[i] *= 1e25;
  }
  await page.getByTestId('model-file').setInputFiles({
    name: 'huge.safetensors',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(serializeModel(model)),
  });
  await expect(page.getByTestId('notices')).toContainText('Loaded huge.safetensors');
  const message =
    "The model's numbers overflowed at layer 2 · MLP (values beyond float32's range); nothing is drawn from this trace.";
  for (const id of ['highway-mini', 'update', 'norms', 'decomposition', 'survival', 'lens']) {
    await expect(page.getByTestId(`${id}-error`)).toHaveText(message);
    // A message in place of a chart offers no picture of it.
    const figure = page.getByTestId(`${id}-error`).locator('xpath=ancestor::figure[1]');
    await expect(figure.getByRole('button', { name: /^Download .+ as / }), id).toHaveCount(0);
  }
  await expect(page.locator('body')).not.toContainText('NaN');
  expect(await page.locator('[y="NaN"], [x="NaN"], [height="NaN"], [d*="NaN"]').count()).toBe(0);
  expect(errors).toEqual([]);
});
