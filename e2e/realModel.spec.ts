// The real model's download against the test server's mirror of Hugging Face's folders, serving
// the committed tiny GPT-2 (mirror.ts).
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { measuringWindows, windowBatches } from '../src/analysis/textBatches';
import { lesionSweep } from '../src/analysis/lesion';
import { gpt2Tokenizer } from '../src/data/gpt2Tokenizer';
import { gpt2Tensors } from '../src/engine/gpt2File';
import { Model } from '../src/engine/model';
import { deserializeModel } from '../src/engine/modelFile';
import { encodeSafetensors } from '../src/engine/safetensors';
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

  // Again, from the same link: no question, no download of the weights, and with the network
  // refusing config.json the head count still comes from the one kept beside them.
  fetched.length = 0;
  await page.context().route('**/config.json', (route) => route.abort());
  await page.goto('./?model=gpt2');
  await expect(box(page)).toHaveAttribute('data-phase', 'loaded', { timeout: 20_000 });
  await expect(box(page)).toContainText(
    '2 layers, d = 4, 2 heads — loaded from this browser’s cache',
  );
  expect(fetched.filter((u) => u.endsWith('model.safetensors'))).toEqual([]);
});

test('a browser whose storage is full says the download was not kept, and a second visit asks again', async ({
  page,
  baseURL,
}) => {
  await mirrorAt(page, 'ok');
  // Storage all but full: a quota below the tiny GPT-2's 817 kB, so Cache Storage refuses it.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', {
    origin: new URL(baseURL!).origin,
    quotaSize: 100_000,
  });
  await page.goto('./?model=gpt2');
  await page.getByRole('button', { name: 'Download GPT-2 small (548 MB)' }).click();
  await expect(box(page)).toHaveAttribute('data-phase', 'loaded', { timeout: 20_000 });
  await expect(box(page)).toContainText(
    '— downloaded; this browser did not keep it (its storage refused it: full, or a private window), so the next visit downloads it again.',
  );
  await page.goto('./?model=gpt2');
  await expect(box(page)).toHaveAttribute('data-phase', 'confirm');
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

const summaryOf = async (page: Page, id: string) =>
  (await page.getByTestId(`${id}-summary`).getAttribute('aria-label')) ?? '';

test('the explorer speaks of the loaded GPT-2: its shape, its own skips weakened, its tokens; the tour keeps to the small models', async ({
  page,
}) => {
  await mirrorAt(page, 'ok');
  await page.goto('./?model=gpt2&step=1');
  await page.getByRole('button', { name: /^Download GPT-2 small/ }).click();
  await expect(box(page)).toHaveAttribute('data-phase', 'loaded', { timeout: 20_000 });
  await expect
    .poll(async () => Number(await lossOn(page).textContent()), { timeout: 20_000 })
    .toBeGreaterThan(9);
  await expect(page.getByTestId('loss-off')).toHaveText(/^\d+\.\d{3}$/);

  // The summary: which GPT-2, its shape and whence; tokens, not our grammar's words.
  const info = page.getByTestId('model-info');
  await expect(info).toContainText(
    'GPT-2 small (openai-community/gpt2, downloaded now): 2 layers, dmodel = 4, 2 heads,',
  );
  await expect(info).toContainText('GPT-2’s byte-level BPE of 50,257 tokens');
  await expect(info).toContainText('nats per token');
  await expect(info).toContainText('Guessing uniformly over its 50,257 tokens would score 10.825.');
  await expect(page.getByTestId('loss-references')).toHaveCount(0);

  // The skip control: no GPT-2 trained without skips, only its own weakened now.
  await expect(page.getByRole('radio', { name: 'trained without skips' })).toBeDisabled();
  await expect(page.getByTestId('no-plain-gpt2')).toContainText(
    'there is no GPT-2 trained without them',
  );
  await expect(info).toContainText('skips weakened now (α = 0)');
  await expect(page.locator('main')).not.toContainText('skips removed');
  await page.getByRole('radio', { name: 'weakened now' }).check();
  await expect(page.getByTestId('skip-hint')).toContainText('There is no GPT-2 trained without');
  await page.getByRole('slider', { name: /Skip strength/ }).fill('0.5');
  await expect(info).toContainText('skips weakened now (α = 0.5)');
  await expect.poll(() => summaryOf(page, 'norms')).toContain('skips weakened now (α = 0.5)');
  // The survival caption compares with GPT-2's own skips weakened, not a model without skips.
  await expect(page.getByTestId('chart-survival')).toContainText(
    /against [−-]?\d+\.\d\d with skips weakened now \(α = 0\.5\); read through/,
  );

  // The update strips: the real model's 4 dimensions, its numbers on hover.
  const update = page.getByTestId('chart-update');
  await expect(update).toContainText('one of the stream’s 4 dimensions');
  await expect(page.getByTestId('update-numbers')).toContainText(/‖x‖ = \d+\.\d\d/);
  const strip = update.locator('.canvas-plot svg');
  await strip.scrollIntoViewIfNeeded();
  const at = (await strip.boundingBox())!;
  await page.mouse.move(at.x + at.width - 20, at.y + 8);
  await expect(update.getByRole('status')).toContainText(
    /before {2}x, dimension 3: [−-]?\d+\.\d\d/,
  );

  // The prediction is split for a word of GPT-2's vocabulary, not looked up in ours.
  await expect
    .poll(() => summaryOf(page, 'attribution'), { timeout: 20_000 })
    .toMatch(/skips on → “[^?”]+”/);

  // The trace as JSON names the model it is of, and its words are GPT-2's tokens.
  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Trace as JSON' }).click(),
  ]);
  const trace = JSON.parse(readFileSync(await json.path(), 'utf8'));
  expect([trace.model, trace.tokenizer, trace.words[0]]).toEqual([
    'GPT-2 small',
    'gpt2',
    '<|endoftext|>',
  ]);
  expect(trace.rows).toHaveLength(5 * trace.words.length); // 5 residual points of 2 layers

  // The random baseline of orthogonality is for the model's own width, d = 4.
  await page.getByRole('tab', { name: /Lab/ }).click();
  await expect
    .poll(() => summaryOf(page, 'ortho'), { timeout: 20_000 })
    .toContain('random vectors in d = 4: 0.424');

  // The tour says it keeps to the small models, and draws their 64 dimensions, not GPT-2's 4.
  await page.getByRole('tab', { name: /Tour/ }).click();
  await expect(page.getByTestId('tour-model-note')).toContainText(
    'GPT-2 small is loaded, but the tour tells its story on the small models',
  );
  await expect(page.getByTestId('chart-update')).toContainText(
    'one of the stream’s 64 dimensions',
    {
      timeout: 20_000,
    },
  );
  await page.getByRole('tab', { name: /Explorer/ }).click();
  await expect(page.getByTestId('chart-update')).toContainText('one of the stream’s 4 dimensions');
});

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

  expect(errors).toEqual([]);
});

/** The fixture's lesion sweep computed here, in Node, by the code the worker runs. */
function fixtureSweep() {
  const dir = 'fixtures/gpt2/tiny-f32';
  const configJson: unknown = JSON.parse(readFileSync(`${dir}/config.json`, 'utf8'));
  const { model } = deserializeModel(readFileSync(`${dir}/model.safetensors`), { configJson });
  const { batches, blockSize } = windowBatches(measuringWindows(model, gpt2Tokenizer));
  return lesionSweep(model, batches, blockSize);
}

test('the lab sweeps lesions on the loaded GPT-2 and draws the worker’s numbers; every section says which model it measures', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await mirrorAt(page, 'ok');
  await page.goto('./?model=gpt2&view=lab');
  await page.getByRole('button', { name: 'Download GPT-2 small (548 MB)' }).click();
  await expect(box(page)).toHaveAttribute('data-phase', 'loaded', { timeout: 20_000 });

  // Which model each section measures: GPT-2's traces, or the small models where the grammar is needed.
  await expect(page.getByTestId('lab-intro')).toContainText('measures it on GPT-2 small');
  for (const id of ['lab-ortho', 'lab-grad', 'lab-identity', 'lab-rank']) {
    await expect(page.getByTestId(`${id}-model`)).toHaveText(
      /^Measured on GPT-2 small, as the explorer shows it/,
    );
  }
  await expect(page.getByTestId('lab-probes-model')).toContainText(
    'Measured on the shipped trained models, not on GPT-2 small: the probes are fitted to labels our grammar gives',
  );
  await expect(page.getByTestId('lab-train-model')).toContainText(
    'not GPT-2 small: GPT-2 is only traced',
  );
  await expect(page.getByTestId('grad-params-real-model')).toContainText(
    'without parameter gradients',
  );
  // A note, not a chart: nothing to export.
  await expect(
    page.getByTestId('chart-grad-params').getByRole('button', { name: /SVG|PNG/ }),
  ).toHaveCount(0);
  await expect(page.getByTestId('depth-real-model')).toContainText(
    'small models trained here, not GPT-2 small',
  );
  await expect(page.getByTestId('lesion-real-model')).toHaveText(
    'One series: there is no GPT-2 trained without skips to compare with.',
  );

  await page.getByTestId('lesion-run').click();
  const chart = page.getByTestId('chart-lesion');
  await expect(chart).toBeVisible({ timeout: 60_000 });
  const sweep = fixtureSweep();
  // One bar per sublayer of the 2 layers, one series.
  await expect(page.getByTestId('lesion-loss-chart').locator('rect[fill="#0072B2"]')).toHaveCount(
    4,
  );
  await page.getByTestId('lesion-loss-chart').getByRole('button', { name: 'Show data' }).click();
  const rows = page.getByTestId('lesion-loss-chart').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  for (let k = 0; k < 4; k++) {
    // d3's format writes a typographic minus.
    const drawn = Number((await rows.nth(k).locator('td').textContent())!.replace('−', '-'));
    // Shown to 4 significant digits; the worker sends the losses as Float32.
    expect(Math.abs(drawn - sweep.increase[k]), `sublayer ${k}: ${drawn}`).toBeLessThanOrEqual(
      5e-4 * Math.abs(sweep.increase[k]) + 2e-6,
    );
  }
  const dearest = Math.max(...sweep.increase);
  const top = sweep.increase.indexOf(dearest);
  const topName = `Layer ${(top >> 1) + 1} · ${top % 2 === 0 ? 'attention' : 'MLP'}`;
  const caption = page.getByTestId('real-lesion-caption');
  // Worded by the sign: on the random fixture every removal may lower the loss.
  await expect(caption).toContainText(
    dearest > 0
      ? `Removing ${topName} costs the most`
      : `No single removal raises the loss on this text: removing ${topName} lowers it least`,
  );
  // The same fixed text through the same model would give the same bars: no second run offered.
  await expect(page.getByTestId('lesion-run')).toHaveCount(0);
  const cheap = sweep.increase.filter((v) => v <= 0.05).length;
  await expect(caption).toContainText(`${cheap} of the 4 cost under 0.05 nats each`);
  expect(await summaryOf(page, 'lesion')).toContain(
    `intact loss ${Number(sweep.intact.toPrecision(3))} nats per token`,
  );
  expect(errors).toEqual([]);
});

test('a GPT-2 file chosen with its config.json reads its heads; alone, the heads are said to be assumed', async ({
  page,
}) => {
  await page.goto('./');
  await expect(lossOn(page)).toHaveText(/^\d+\.\d{3}$/, { timeout: 30_000 });
  const file = (name: string, buffer: Buffer) => ({
    name,
    mimeType: 'application/octet-stream',
    buffer,
  });
  const fixture = (name: string) => file(name, readFileSync(`fixtures/gpt2/tiny-f32/${name}`));
  // config.json first: the order the files come in does not matter.
  await page
    .getByTestId('model-file')
    .setInputFiles([fixture('config.json'), fixture('model.safetensors')]);
  const notices = page.getByTestId('notices');
  await expect(notices).toContainText(
    'Loaded model.safetensors: GPT-2 with 2 layers, d = 4, shown as the real model.',
  );
  await expect(notices).not.toContainText('assumed');
  await expect(box(page)).toContainText('2 layers, d = 4, 2 heads — read from your file.');

  // A GPT-2 of width 128 without its config.json: two heads by GPT-2's head size, and said so
  // (this one has four).
  const shape = { vocabSize: 50257, dModel: 128, nHeads: 4, nLayers: 2, contextLength: 16 };
  const wide = gpt2Tensors(new Model({ ...shape, mlpHidden: 64 }), '');
  await page
    .getByTestId('model-file')
    .setInputFiles(file('wide.safetensors', Buffer.from(encodeSafetensors(wide))));
  await expect(notices).toContainText(
    'Loaded wide.safetensors: GPT-2 with 2 layers, d = 128, shown as the real model. Its 2 heads are assumed from GPT-2’s head size of 64; give its config.json with it to read them.',
  );
  await expect(box(page)).toContainText(
    '2 heads (assumed from GPT-2’s head size of 64: no config.json) — read from your file.',
  );

  // Dropped on the page, the two together (the model first this time) load alike.
  await page.evaluate(async () => {
    const folder = 'test-mirror/ok/openai-community/gpt2/resolve/main/';
    const data = new DataTransfer();
    for (const name of ['model.safetensors', 'config.json']) {
      const bytes = await (await fetch(folder + name)).arrayBuffer();
      data.items.add(new File([bytes], name));
    }
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }));
  });
  await expect(box(page)).toContainText('2 layers, d = 4, 2 heads — read from your file.');
});
