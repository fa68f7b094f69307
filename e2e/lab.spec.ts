import { expect, test, type Page } from '@playwright/test';

/** Reads the text alternative of a chart, which states its main numbers. */
const summary = async (page: Page, id: string) =>
  (await page.getByTestId(`${id}-summary`).getAttribute('aria-label')) ?? '';

/** The first capture of a pattern, as a number. */
function grab(text: string, pattern: RegExp): number {
  const m = text.match(pattern);
  if (!m) throw new Error(`${pattern} not found in: ${text}`);
  return Number(m[1]);
}

const NUMBER = String.raw`(-?\d+(?:\.\d+)?(?:e-?\d+)?)`;

async function openLab(page: Page) {
  await page.goto('./?view=lab');
  await expect(page.getByTestId('loss-on')).toHaveText(/^\d+\.\d{3}$/, { timeout: 30_000 });
  await expect(page.getByTestId('lab')).toBeVisible();
  await expect(page.getByTestId('ortho-map-on')).toBeVisible();
  await expect(page.getByTestId('ortho-map-off')).toBeVisible();
}

test('every measured panel of the lab states real numbers, and follows the layer stepper', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openLab(page);
  for (const id of ['ortho', 'ortho-stream', 'grad-stream', 'grad-params', 'identity', 'rank']) {
    await expect(page.getByTestId(`chart-${id}`)).toBeVisible();
    const text = await summary(page, id);
    expect(text, id).toMatch(/\d/);
    expect(text, id).not.toMatch(/NaN|undefined|Being computed|—/);
  }

  // Orthogonality: cosines are cosines, and the random level in d = 64 is about 0.1.
  const ortho = await summary(page, 'ortho');
  const onCos = grab(ortho, new RegExp(`different sublayers: ${NUMBER} skips on`));
  const random = grab(ortho, new RegExp(`random vectors in d = 64: ${NUMBER}`));
  expect(onCos).toBeGreaterThan(0);
  expect(onCos).toBeLessThan(1);
  expect(random).toBeGreaterThan(0.05);
  expect(random).toBeLessThan(0.15);
  // The caption's verdict follows the numbers.
  const caption = page.getByTestId('chart-ortho').locator('figcaption');
  if (onCos > 2 * random) await expect(caption).toContainText('does not hold as stated');
  else await expect(caption).toContainText('about as unrelated as random vectors');

  // Gradient flow: with skips more of the gradient reaches the embedding than without.
  const grad = await summary(page, 'grad-stream');
  const onRatio = grab(grad, new RegExp(`last point: ${NUMBER} skips on`));
  const offRatio = grab(grad, new RegExp(`; ${NUMBER} trained without skips`));
  expect(onRatio).toBeGreaterThan(offRatio);

  // Rank collapse: relative residual after the last layer is a share in [0, 1].
  const rank = await summary(page, 'rank');
  expect(grab(rank, new RegExp(`relative residual ${NUMBER}`))).toBeLessThanOrEqual(1);

  // Hover values: the heatmap reads out a cell under the pointer and from the keyboard.
  const map = page.getByTestId('ortho-map-on');
  await map
    .locator('svg')
    .first()
    .hover({ position: { x: 120, y: 60 } });
  await expect(map.getByRole('status')).toContainText(/Layer \d · (attention|MLP) × .*: cos/);
  await page.mouse.move(0, 0);
  await map.locator('svg').first().focus();
  await expect(map.getByRole('status')).toContainText('Layer 1 · attention × Layer 1 · MLP');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(map.getByRole('status')).toContainText('Layer 2 · attention × Layer 1 · MLP');

  // The stepper moves the current sublayer in the lab's charts too.
  await page.getByRole('slider', { name: 'Layer' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('chart-ortho')).toHaveAttribute('data-current', '1');
  await expect(page.getByTestId('chart-rank')).toHaveAttribute('data-current', '1');
  expect(errors).toEqual([]);
});

test('the lesion sweep draws a bar per sublayer, and a live lesion changes the explorer', async ({
  page,
}) => {
  await openLab(page);
  await page.getByRole('button', { name: 'Run lesion sweep' }).click();
  await expect(page.getByTestId('chart-lesion')).toBeVisible({ timeout: 30_000 });
  const text = await summary(page, 'lesion');
  expect(text).toMatch(/intact validation loss \d/);
  const worstOn = grab(text, new RegExp(`With skips: .*?raises it by at most ${NUMBER}`));
  const worstOff = grab(text, new RegExp(`Without skips: .*?raises it by at most ${NUMBER}`));
  expect(worstOn).toBeGreaterThan(0);
  expect(worstOff).toBeGreaterThan(0);
  // 8 sublayers × 2 models, each a bar.
  await expect(page.getByTestId('lesion-loss-chart').locator('rect[fill="#0072B2"]')).toHaveCount(
    8,
  );
  await expect(page.getByTestId('lesion-loss-chart').locator('rect[fill="#D55E00"]')).toHaveCount(
    8,
  );
  // Where a removal from the model without skips is free, the reason given follows its loss: only
  // a model no better than word frequencies is said to make no use of its input.
  const free = page.getByTestId('free-removal');
  if ((await free.count()) > 0) {
    const [, loss, unigram] = (await free.textContent())!.match(
      /held-out loss is ([\d.]+) nats, against ([\d.]+) for word frequencies/,
    )!;
    expect(await free.getAttribute('data-only-frequencies')).toBe(
      String(Number(loss) >= Number(unigram) - 0.1),
    );
  }

  // The explorer's numbers before any lesion…
  await page.getByRole('tab', { name: /Explorer/ }).click();
  await expect(page.getByTestId('chart-norms')).toBeVisible();
  const normsBefore = await summary(page, 'norms');
  const lossBefore = await page.getByTestId('loss-on').textContent();
  // …and after removing the first MLP from the lab.
  await page.getByRole('tab', { name: /Lab/ }).click();
  await page.getByRole('checkbox', { name: '1m: remove Layer 1 · MLP' }).check();
  await expect(page.getByTestId('lesion-live-loss')).toContainText('Removed: 1m.');
  await expect(page.getByTestId('loss-on')).not.toHaveText(lossBefore ?? '');
  await expect(page).toHaveURL(/lesion=1/);
  await page.getByRole('tab', { name: /Explorer/ }).click();
  await expect.poll(() => summary(page, 'norms')).not.toBe(normsBefore);
  // Restoring brings the intact model back.
  await page.getByRole('tab', { name: /Lab/ }).click();
  await page.getByRole('button', { name: 'Restore all' }).click();
  await expect(page.getByTestId('loss-on')).toHaveText(lossBefore ?? '');
});

test('the probes draw held-out accuracy per point for four models, on one scale, with a computed caption', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openLab(page);
  // A cancel stops the run before the first model is done; its late answer is dropped.
  await page.getByTestId('probe-run').click();
  await expect(page.getByTestId('probe-progress')).toContainText(
    'probing the model trained with skips',
  );
  await page.getByTestId('probe-cancel').click();
  await expect(page.getByTestId('probe-progress')).toContainText('0 of 4 models probed (stopped)');
  await expect(page.getByTestId('probe-run')).toBeEnabled();
  // One model at a time: the progress names the one being probed, and a cancel is offered.
  await page.getByTestId('probe-run').click();
  await expect(page.getByTestId('probe-cancel')).toBeVisible();
  await expect(page.getByTestId('probe-progress')).toHaveAttribute('data-status', 'done', {
    timeout: 150_000,
  });
  await expect(page.getByTestId('probe-progress')).toContainText('4 of 4 models probed');
  const percents = (text: string, name: string) => {
    const m = text.match(new RegExp(`${name} ((?:(?:\\d+%|under 1%)(?:, )?)+)`));
    if (!m) throw new Error(`${name} not found in: ${text}`);
    return m[1].split(', ');
  };
  for (const task of ['word', 'position', 'agreement']) {
    const text = await summary(page, `probe-${task}`);
    const on = percents(text, 'with skips');
    const off = percents(text, 'without skips');
    const guess = grab(text, /guessing the most common answer (\d+)%/);
    // Embedding and 2 × 4 sublayers, every value an accuracy.
    for (const a of [on, off]) {
      expect(a, task).toHaveLength(9);
      for (const v of a) expect(v).toMatch(/^(100|\d{1,2})%$|^under 1%$/);
    }
    // The caption quotes the last point of each curve.
    await expect(page.getByTestId(`probe-${task}-verdict`)).toContainText(
      `scores ${on[8]} with skips and ${off[8]} without (guessing the most common answer: ${guess}%)`,
    );
    // Five lines: the pair, the untrained twins and the guessing baseline, on 0–100%.
    const chart = page.getByTestId(`chart-probe-${task}`);
    await expect(chart.locator('path[fill="none"]')).toHaveCount(5);
    await expect(chart.locator('g.axis text[text-anchor="end"]')).toHaveText([
      '0',
      '20',
      '40',
      '60',
      '80',
      '100',
    ]);
  }
  // Which word is at the position is known from the embedding far above guessing.
  const word = await summary(page, 'probe-word');
  expect(parseInt(percents(word, 'with skips')[0])).toBeGreaterThan(
    grab(word, /guessing the most common answer (\d+)%/) + 30,
  );
});

/** Opens the lab and runs a no-LayerNorm depth sweep at 2 and 4 layers. */
async function runDepthSweep(page: Page, steps: string, init?: string) {
  await openLab(page);
  const form = page.getByRole('form', { name: 'Depth sweep settings' });
  for (const d of [8, 16])
    await form.getByRole('checkbox', { name: `${d} layers`, exact: true }).uncheck();
  await form.getByRole('radio', { name: 'none' }).check();
  if (init) await form.getByRole('radio', { name: init }).check();
  await form.getByRole('spinbutton', { name: 'Training steps' }).fill(steps);
  await form.getByRole('button', { name: 'Run depth sweep' }).click();
  return form;
}

test('a short depth sweep with no LayerNorm: the gradient vanishes without skips only', async ({
  page,
}) => {
  await runDepthSweep(page, '5');
  // A 5-step sweep may be over before a poll sees Cancel enabled; the run started either way.
  await expect(page.getByTestId('depth-progress')).toHaveAttribute('data-status', /running|done/);
  await expect(page.getByTestId('depth-table')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('depth-progress')).toHaveAttribute('data-status', 'done');
  const ratio = async (cell: string) =>
    Number(await page.getByTestId(`depth-ratio-${cell}`).getAttribute('data-value'));
  // Each network starts from its own initialisation (Xavier's without skips), so the plain
  // stack's gradient does not collapse by the init alone; what is left is the skips' doing:
  // at least ten times less at the bottom without them, and less the deeper the stack.
  for (const when of ['init', 'trained']) {
    for (const layers of [2, 4]) {
      const on = await ratio(`on-${when}-${layers}`);
      expect(on, `on ${when} ${layers}`).toBeGreaterThan(0.3);
      expect(on, `on ${when} ${layers}`).toBeLessThan(3);
      expect(await ratio(`off-${when}-${layers}`), `off ${when} ${layers}`).toBeLessThan(on / 10);
    }
    expect(await ratio(`off-${when}-4`)).toBeLessThan(await ratio(`off-${when}-2`));
  }
  const text = await summary(page, 'depth');
  expect(text).toContain('no LayerNorm, 5 training steps');
  expect(text).toMatch(/4 layers: skips on [\d.]+ at initialisation/);
  await expect(page.getByTestId('depth-explain')).toContainText('orders of magnitude less');
});

test('a depth sweep comparing inits names each curve’s init and splits the gap', async ({
  page,
}) => {
  await runDepthSweep(page, '0', 'compare');
  await expect(page.getByTestId('depth-table')).toBeVisible({ timeout: 60_000 });
  const ratio = async (cell: string) =>
    Number(await page.getByTestId(`depth-ratio-${cell}`).getAttribute('data-value'));
  const own = await ratio('off-init-4');
  const gpt2 = await ratio('off-gpt2-init-4');
  expect(own).toBeGreaterThan(0);
  const text = await summary(page, 'depth');
  expect(text).toContain(
    'skips on from GPT-2’s init, skips off from Xavier’s init, compared with GPT-2’s',
  );
  // The sentence splitting the gap quotes the deepest row's cells.
  const gap = page.getByTestId('depth-gap');
  await expect(gap).toContainText('At 4 layers, before training');
  await expect(gap).toContainText(/the init’s part, Xavier’s lets .* through/);
  // GPT-2's scaled init shrinks a plain no-LN stack's gradient more than Xavier's does.
  expect(gpt2).toBeLessThan(own);
  await expect(page.getByTestId('chart-depth')).toContainText('skips off, GPT-2’s init');
  // The training chart's losses come with the manifest's references.
  await expect(page.getByTestId('chart-train-loss').getByTestId('loss-references')).toContainText(
    /bigram\) \d\.\d+ nats/,
  );
});

test('training side by side: each at its own learning rate, both losses fall, pause holds the step, and the models can be explored', async ({
  page,
}) => {
  await openLab(page);
  const form = page.getByRole('form', { name: 'Training settings' });
  await form.getByRole('spinbutton', { name: 'Layers' }).fill('2');
  await form.getByRole('combobox', { name: 'Width d' }).selectOption('16');
  await form.getByRole('spinbutton', { name: 'Steps', exact: true }).fill('2000');
  // Each network starts at its own learning rate (the shipped pair's); the reader sets others.
  const lr = (name: string) => form.getByRole('combobox', { name: `Learning rate, ${name}` });
  await expect(lr('with skips')).toHaveValue('0.003');
  await expect(lr('without skips')).toHaveValue('0.001');
  await lr('with skips').selectOption('0.01');
  await lr('without skips').selectOption('0.003');
  // Before Start the charts are empty axes with a note: nothing to download yet.
  const lossPicture = page.getByRole('button', { name: 'Download train-loss as SVG' });
  await expect(lossPicture).toHaveCount(0);
  await form.getByRole('button', { name: 'Start' }).click();
  const run = (ch: 'on' | 'off') => page.getByTestId(`run-${ch}`);
  const step = async (ch: 'on' | 'off') => Number(await run(ch).getAttribute('data-step'));
  for (const ch of ['on', 'off'] as const) {
    await expect(run(ch)).toHaveAttribute('data-state', 'running');
    await expect.poll(() => step(ch), { timeout: 30_000 }).toBeGreaterThanOrEqual(100);
  }
  await expect(run('on')).toContainText(/\d+ steps\/s/);
  // The page says which rate each network trains at: on its card, and by the loss chart.
  await expect(run('on')).toContainText('learning rate 0.01');
  await expect(run('off')).toContainText('learning rate 0.003');
  const rates = 'with skips at learning rate 0.01, without skips at 0.003';
  await expect(page.getByTestId('train-rates')).toContainText(rates);
  expect(await summary(page, 'train-loss')).toContain(`This run: ${rates}.`);
  await expect(lossPicture).toHaveCount(1);

  await form.getByRole('button', { name: 'Pause' }).click();
  for (const ch of ['on', 'off'] as const)
    await expect(run(ch)).toHaveAttribute('data-state', 'paused');
  const pausedAt = await step('on');
  await expect(run('on')).toContainText(`Paused at step ${pausedAt}`);

  // Both losses went down from the first step.
  const loss = await summary(page, 'train-loss');
  for (const name of ['with skips', 'without skips']) {
    const m = loss.match(
      new RegExp(`${name}, training loss from ${NUMBER} at step \\d+ to ${NUMBER} at step`),
    )!;
    expect(m, name).not.toBeNull();
    expect(Number(m[2]), name).toBeLessThan(Number(m[1]) - 0.2);
  }
  expect(await summary(page, 'train-grad')).toMatch(
    new RegExp(`from ${NUMBER} at step \\d+ to ${NUMBER} at step \\d+`),
  );
  expect(await summary(page, 'train-layers')).toMatch(new RegExp(`first layer ${NUMBER}, last`));
  // Still where it paused, after all that reading.
  await expect(run('on')).toHaveAttribute('data-step', String(pausedAt));

  await form.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => step('on'), { timeout: 30_000 }).toBeGreaterThan(pausedAt);
  await form.getByRole('button', { name: 'Pause' }).click();
  for (const ch of ['on', 'off'] as const)
    await expect(run(ch)).toHaveAttribute('data-state', 'paused');

  // Both trained models download as safetensors files (8-byte header length, then JSON).
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await page.getByTestId('download-lab').click();
  await expect
    .poll(() => downloads.sort())
    .toEqual(['lab-with-skips.safetensors', 'lab-without-skips.safetensors']);

  await page.getByRole('button', { name: 'Explore these models' }).click();
  await expect(page.getByRole('radio', { name: 'Trained in the lab' })).toBeChecked({
    timeout: 30_000,
  });
  await expect(page.getByTestId('explore-status')).toContainText('now shows these two models');
  // Every view follows: the lab's charts now have 2 layers (4 sublayers).
  await expect(page.getByTestId('ortho-map-on')).toHaveAttribute('data-n', '4');
  await expect(page.getByTestId('ortho-map-off')).toHaveAttribute('data-n', '4');
  expect(await summary(page, 'identity')).not.toMatch(/NaN|—/);
  await page.getByRole('tab', { name: /Explorer/ }).click();
  await expect(page.getByTestId('chart-norms')).toBeVisible();
});
