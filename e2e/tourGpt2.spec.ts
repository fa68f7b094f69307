// The tour's "Now on GPT-2" panels, with the committed tiny GPT-2 (fixtures/gpt2/tiny-f32) served
// by the test server's mirror of Hugging Face's folders as the real model: each panel's figures
// must be those of the same trace computed here in Node, and its verdict must quote them.
import { expect, test, type Page } from '@playwright/test';
import { readModel } from '../scripts/readModel';
import { embeddingCosine } from '../src/analysis/embeddingKept';
import { orthogonalitySummary } from '../src/analysis/orthogonality';
import { firstOverLast } from '../src/analysis/statistics';
import { runTrace } from '../src/worker/traceJob';
import type { Response, TraceEnd, TracePoint, TraceStart } from '../src/worker/protocol';
import { mirrorAt } from './mirror';

/** GPT-2's trace of the tour's English sentence, at α = null (its own skips) or weakened. */
async function traceInNode(text: string, skipStrength: number | null) {
  const { model, tokenizer } = await readModel('fixtures/gpt2/tiny-f32/model.safetensors');
  const out: Response[] = [];
  const req = { type: 'trace', id: 1, channel: 'tourRealOn', slot: 'gpt2' } as const;
  await runTrace(model, tokenizer, { ...req, text, skipStrength, lesions: [] }, (r) => out.push(r));
  const start = out.find((r) => r.type === 'traceStart') as TraceStart;
  const points = out.filter((r) => r.type === 'tracePoint') as TracePoint[];
  const end = out.find((r) => r.type === 'traceEnd') as TraceEnd;
  return { start, points, end };
}

/** The figures a panel shows, as its data-values carries them, once its verdict is in. */
async function panelValues(page: Page, id: string): Promise<Record<string, number>> {
  const panel = page.getByTestId(`real-${id}`);
  await expect(panel).toHaveAttribute('data-state', /^(same|different)$/, { timeout: 60_000 });
  return JSON.parse((await panel.getAttribute('data-values')) ?? '{}');
}

const verdictOf = (page: Page, id: string) => page.getByTestId(`real-${id}-verdict`);

/** The number a verdict gives right after `phrase` (its prose rounds to 3 significant digits). */
async function quoted(page: Page, id: string, phrase: string): Promise<number> {
  const text = (await verdictOf(page, id).textContent()) ?? '';
  const at = text.indexOf(phrase);
  expect(at, `“${phrase}” in “${text}”`).toBeGreaterThanOrEqual(0);
  return Number(/^-?[\d.]+(e-?\d+)?/.exec(text.slice(at + phrase.length))?.[0]);
}

/** A chart's "Show data" table, opened: each row's cells as text, the header row left out. */
async function shownData(page: Page, chartId: string): Promise<string[][]> {
  const chart = page.getByTestId(`chart-${chartId}`);
  await chart.getByRole('button', { name: 'Show data' }).click();
  const rows = chart.locator('tbody tr');
  return Promise.all((await rows.all()).map((r) => r.locator('th, td').allTextContents()));
}

/** As the table rounds it: equal to 4 significant digits. */
const sameCell = (shown: string, exact: number) =>
  expect(Math.abs(Number(shown) - exact)).toBeLessThanOrEqual(Math.abs(exact) * 5e-4 + 1e-12);

/** As the prose rounds it: equal to 3 significant digits. */
const sameFigure = (shown: number, exact: number) =>
  expect(Math.abs(shown - exact)).toBeLessThanOrEqual(Math.abs(exact) * 5e-3 + 1e-12);

test('each claim of the tour is measured on GPT-2 too, with the trace’s own numbers', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await mirrorAt(page, 'ok');
  await page.goto('./?model=gpt2');
  await page.getByRole('button', { name: /^Download GPT-2 small/ }).click();
  await expect(page.getByTestId('real-model')).toHaveAttribute('data-phase', 'loaded', {
    timeout: 20_000,
  });
  // No panel outside the tour: the explorer shows GPT-2 itself.
  await expect(page.locator('.tour-real')).toHaveCount(0);
  await page.getByRole('tab', { name: /Tour/ }).click();
  await page.getByTestId('tour-long').click();
  await expect(page.getByTestId('tour-model-note')).toContainText('“Now on GPT-2 small” panel');

  // GPT-2 reads the opening of the project's English sample, and the panel says so.
  const read = page.getByTestId('real-ortho');
  await expect(read).toContainText(
    'Read on a fixed English sentence, since the tour’s sentences are in the small models’ made-up language',
  );
  const sentence = /: “(.+)” \(\d+ tokens/.exec((await read.textContent()) ?? '')![1];
  expect(sentence).toMatch(
    /^The town sits where the river bends twice before it reaches the sea\./,
  );
  const on = await traceInNode(sentence, null);
  const off = await traceInNode(sentence, 0); // the tour opens with α = 0
  const S = 2 * on.start.nLayers;
  await expect(read).toContainText(`(${on.start.T} tokens, <|endoftext|> first`);

  // Chapter 2: mean |cos| of different sublayers' writes, against d = 4's random level.
  const ortho = await panelValues(page, 'ortho');
  const o = orthogonalitySummary(on.end, S);
  expect(ortho.realMeanAbs).toBeCloseTo(o.meanAbs, 4);
  expect(ortho.realRandom).toBeCloseTo(o.random, 6);
  sameFigure(await quoted(page, 'ortho', 'mean |cosine| '), o.meanAbs);
  sameFigure(await quoted(page, 'ortho', ' times the '), o.random);
  await expect(verdictOf(page, 'ortho')).toContainText('of random directions in d = 4)');
  // The small model's side is the chapter's own figure, in its 64 dimensions.
  const chapterMean = Number(await page.getByTestId('ortho-verdict').getAttribute('data-mean'));
  sameFigure(chapterMean, ortho.smallMeanAbs);
  await expect(verdictOf(page, 'ortho')).toContainText('of random directions in d = 64)');
  // Its chart draws those four figures, each model's writes beside its random level.
  const orthoRows = await shownData(page, 'tour-real-ortho');
  expect(orthoRows.map((r) => r[0])).toEqual(['GPT-2 small (d = 4)', 'our small model (d = 64)']);
  sameCell(orthoRows[0][1], ortho.realMeanAbs);
  sameCell(orthoRows[0][2], o.random);
  sameCell(orthoRows[1][1], ortho.smallMeanAbs);
  sameCell(orthoRows[1][2], ortho.smallRandom);

  // Chapter 3: the stream's cosine with the embedding after the last sublayer.
  const acc = await panelValues(page, 'accumulate');
  const cos = embeddingCosine(on, S)!;
  expect(acc.realCos).toBeCloseTo(cos, 4);
  sameFigure(await quoted(page, 'accumulate', '(cosine '), cos);
  await expect(verdictOf(page, 'accumulate')).toContainText('for random directions in d = 4)');
  // Its chart draws that cosine at every point of GPT-2's stream, the last being the verdict's.
  const accRows = await shownData(page, 'tour-real-embedding');
  expect(accRows).toHaveLength(S + 1);
  accRows.forEach((r, k) => {
    sameCell(r[1], embeddingCosine(on, k)!);
    sameCell(r[2], on.end.randomAbsCosine);
  });
  sameCell(accRows[S][1], acc.realCos);

  // Chapter 4: the gradient at the embedding over the top, with skips and weakened to α = 0.
  const grad = await panelValues(page, 'grad');
  const rOn = firstOverLast(on.end.streamGradNorms);
  const rOff = firstOverLast(off.end.streamGradNorms);
  expect(grad.realOn).toBeCloseTo(rOn, 4);
  expect(grad.realOff / rOff).toBeCloseTo(1, 4);
  sameFigure(await quoted(page, 'grad', 'GPT-2 small’s embedding receives '), rOn);
  sameFigure(await quoted(page, 'grad', '), and '), rOff);
  await expect(verdictOf(page, 'grad')).toContainText('times it with them weakened to α = 0 now');
  // The small models' side is the chapter's own verdict's.
  const chapter = (await page.getByTestId('grad-verdict').textContent()) ?? '';
  const [chOn, chOff] = [
    ...chapter.matchAll(/receives ([\d.e-]+) times|, and ([\d.e-]+) times/g),
  ].map((m) => Number(m[1] ?? m[2]));
  sameFigure(chOn, grad.smallOn);
  sameFigure(chOff, grad.smallOff);
  // Its chart draws GPT-2's whole gradient along the stream, with skips and weakened, from the
  // same traces: one row per point, the embedding's over the top's being the verdict's ratio.
  const gradRows = await shownData(page, 'tour-real-grad');
  expect(gradRows).toHaveLength(S + 1);
  expect(gradRows[0][0]).toBe('emb');
  gradRows.forEach((r, k) => {
    sameCell(r[1], on.end.streamGradNorms[k]);
    sameCell(r[2], off.end.streamGradNorms[k]);
  });

  // Chapter 5: how much each sublayer writes next to the stream it joins.
  const idle = await panelValues(page, 'identity');
  const ratios = Array.from(on.end.contributionRatio);
  expect(idle.realMin).toBeCloseTo(Math.min(...ratios), 4);
  expect(idle.realMax).toBeCloseTo(Math.max(...ratios), 4);
  sameFigure(await quoted(page, 'identity', '‖f(x)‖/‖x‖ runs from '), Math.min(...ratios));
  // Its chart draws each sublayer's ratio, the ones the verdict counts.
  const quietRows = await shownData(page, 'tour-real-quiet');
  expect(quietRows.map((r) => r[0])).toEqual([
    'Layer 1 · attention',
    'Layer 1 · MLP',
    'Layer 2 · attention',
    'Layer 2 · MLP',
  ]);
  quietRows.forEach((r, k) => sameCell(r[1], ratios[k]));
  // The verdict's threshold is drawn across the bars.
  await expect(
    page.getByTestId('chart-tour-real-quiet').locator('.reference-line text'),
  ).toHaveText('0.25: quiet below');
  // GPT-2's own lesion sweep, on English, said beside the small model's when that has run.
  await page.getByTestId('real-identity-sweep-run').click();
  // A removal is called the dearest only if it raises the loss (the random fixture's may not).
  await expect(page.getByTestId('real-identity-sweep')).toHaveText(
    /^In GPT-2 small, \d of its 4 sublayers can each be removed for at most 0\.25 nats per token \(intact: \d+\.?\d*\); (removing Layer \d · (attention|MLP) raises the loss most, by \d[\d.e-]*|no single removal raises the loss)\. Remove each of the small models’ sublayers above to compare\.$/,
    { timeout: 60_000 },
  );
  // What is shown is not offered again: the same model on the same text would repeat it.
  await expect(page.getByTestId('real-identity-sweep-run')).toHaveCount(0);
  await expect(page.locator('.tour-real').filter({ hasText: 'NaN' })).toHaveCount(0);

  // Text the reader typed, in words the small models' grammar does not have, is what GPT-2 reads.
  await page.getByRole('tab', { name: /Explorer/ }).click();
  await page.getByRole('textbox', { name: 'Text' }).fill('Hello world, how are you today?');
  await page.getByRole('tab', { name: /Tour/ }).click();
  await expect(read).toContainText('Read on your own text: “Hello world, how are you today?” (');
  const own = await traceInNode('Hello world, how are you today?', null);
  await expect(read).toContainText(`(${own.start.T} tokens, <|endoftext|> first`);
  const ownValues = await panelValues(page, 'ortho');
  expect(ownValues.realMeanAbs).toBeCloseTo(orthogonalitySummary(own.end, S).meanAbs, 4);
});
