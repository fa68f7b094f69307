import { describe, expect, it } from 'vitest';
import { vocabSize } from '../data/tokenizer';
import { Model } from '../engine/model';
import { deserializeModel, serializeModel } from '../engine/modelFile';
import { createHandler } from './handler';
import type { Response, TraceEnd } from './protocol';

const small = { vocabSize, dModel: 8, nHeads: 2, nLayers: 2, contextLength: 8, mlpHidden: 16 };
const bytes = () => serializeModel(new Model(small)).slice().buffer;
/** A one-layer training run, quick enough for a test; the case says its rate, length and norm. */
const tinyRun = (r: { lr: number; steps: number; norm: string }) => ({
  skipStrength: 1,
  nLayers: 1,
  dModel: 8,
  seed: 3,
  ...r,
});

function collector() {
  const h = createHandler({ fetchBytes: async () => bytes() });
  const out: Response[] = [];
  const post = (r: Response) => out.push(r);
  return { out, ask: (d: unknown) => h.handle(d, post) };
}

/** The last response, which must be of this type: otherwise the test fails showing what came. */
function lastAs<T extends Response['type']>(
  out: Response[],
  type: T,
): Extract<Response, { type: T }> {
  const r = out.at(-1)!;
  if (r.type !== type) throw new Error(JSON.stringify(r));
  return r as Extract<Response, { type: T }>;
}

const until = async (cond: () => boolean, ms = 20_000) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('worker jobs', () => {
  it('loads a model from bytes and makes its untrained twins on demand', async () => {
    const { out, ask } = collector();
    await ask({
      type: 'loadBytes',
      id: 1,
      slot: 'residual',
      name: 'mine.safetensors',
      bytes: bytes(),
    });
    expect(out[0]).toMatchObject({
      type: 'loaded',
      info: { source: 'mine.safetensors', slot: 'residual' },
    });
    await ask({
      type: 'trace',
      id: 2,
      channel: 'off',
      slot: 'init-plain',
      text: 'the dog runs .',
      skipStrength: null,
      lesions: [],
    });
    expect(out.at(-1)?.type).toBe('traceEnd');
    expect(out.find((r) => r.type === 'traceStart')).toMatchObject({ skipStrength: 0 });
  });

  it('sends the lab measures with every trace: cosines, rank collapse, identity ratios', async () => {
    const { out, ask } = collector();
    await ask({ type: 'load', id: 1, slot: 'residual', url: 'x' });
    await ask({
      type: 'trace',
      id: 2,
      channel: 'on',
      slot: 'residual',
      text: 'the dog that the cats see runs .',
      skipStrength: null,
      lesions: [1],
    });
    const end = out.at(-1) as TraceEnd;
    expect(end.contributionCosine).toHaveLength(16);
    expect(end.contributionCosine[0]).toBeCloseTo(1, 5); // a contribution against itself
    expect(end.relativeResidual).toHaveLength(5);
    expect(end.contributionRatio[1]).toBe(0); // the lesioned MLP is the identity
    expect(end.sublayerGradNorms[1]).toBe(0);
    expect(end.randomAbsCosine).toBeGreaterThan(0.2);
  });

  it('splits each position’s top prediction by writer, at the α the trace ran with', async () => {
    const { out, ask } = collector();
    await ask({ type: 'load', id: 1, slot: 'residual', url: 'x' });
    const text = 'the dog that the cats see runs .';
    const trace = async (id: number, skipStrength: number | null) => {
      await ask({
        type: 'trace',
        id,
        channel: 'on',
        slot: 'residual',
        text,
        skipStrength,
        lesions: [],
      });
      return out.at(-1) as TraceEnd;
    };
    const model = deserializeModel(bytes()).model;
    const T = 8;
    const width = 2 * small.nLayers + 2;
    for (const [id, alpha] of [
      [2, null],
      [3, 0],
    ] as const) {
      const end = await trace(id, alpha);
      expect(end.attribution).toHaveLength(T * width);
      expect(end.attributionTarget).toHaveLength(T);
      // Each row adds up to its target's logit gap over the mean word, as a forward pass gives it.
      const ws = model.workspace(1, T);
      const ids = Array.from(
        (out.find((r) => r.type === 'traceStart' && r.id === id) as { tokenIds: number[] })
          .tokenIds,
      );
      model.forward(ws, ids, null, { skipStrength: alpha ?? undefined });
      for (let t = 0; t < T; t++) {
        const row = Array.from(ws.logits.subarray(t * vocabSize, (t + 1) * vocabSize));
        const gap = row[end.attributionTarget[t]] - row.reduce((a, b) => a + b, 0) / vocabSize;
        const sum = Array.from(end.attribution.subarray(t * width, (t + 1) * width)).reduce(
          (a, b) => a + b,
          0,
        );
        expect(sum).toBeCloseTo(gap, 3);
      }
      // Skips removed: nothing below the last sublayer reaches the output directly.
      if (alpha === 0) expect(Math.abs(end.attribution[0])).toBe(0);
    }
  });

  it('sweeps lesions over the validation text', async () => {
    const { out, ask } = collector();
    await ask({ type: 'load', id: 1, slot: 'residual', url: 'x' });
    await ask({ type: 'lesionSweep', id: 3, slot: 'residual', batches: 1, resume: false });
    const r = lastAs(out, 'lesionSwept');
    expect(r.lesioned).toHaveLength(4);
    expect(Number.isFinite(r.intact)).toBe(true);
    await ask({ type: 'lesionSweep', id: 4, slot: 'gpt2', batches: 1, resume: false });
    expect(out.at(-1)).toMatchObject({
      type: 'error',
      message: 'The real model is not loaded yet',
    });
  });

  it('trains in slices, pauses, resumes, finishes, and exports loadable weights', async () => {
    const { out, ask } = collector();
    const run = tinyRun({ lr: 0.01, steps: 30, norm: 'pre' });
    await ask({ type: 'trainStart', id: 5, run });
    await until(() => out.some((r) => r.type === 'trainProgress'));
    await ask({ type: 'trainPause', id: 6 });
    const paused = out.filter((r) => r.type === 'trainProgress').length;
    await new Promise((r) => setTimeout(r, 50));
    expect(out.filter((r) => r.type === 'trainProgress').length).toBe(paused);
    await ask({ type: 'trainResume', id: 7 });
    await until(() => out.some((r) => r.type === 'trainStopped' && r.reason === 'done'));
    const steps = out.flatMap((r) => (r.type === 'trainProgress' ? Array.from(r.steps) : []));
    expect(steps).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    await ask({ type: 'trainExport', id: 8 });
    const exported = lastAs(out, 'trainExported');
    expect(deserializeModel(exported.bytes).model.config.nLayers).toBe(1);
  });

  it('stops a diverging run with a message that says what to do', async () => {
    const { out, ask } = collector();
    const run = tinyRun({ lr: 1e9, steps: 200, norm: 'none' });
    await ask({ type: 'trainStart', id: 5, run });
    await until(() => out.some((r) => r.type === 'trainStopped'));
    expect(out.find((r) => r.type === 'trainStopped')).toMatchObject({
      reason: 'diverged',
      message: expect.stringMatching(/smaller learning rate/),
    });
  });

  it('runs a depth sweep with progress and per-point gradient norms at init and after training', async () => {
    const { out, ask } = collector();
    await ask({
      type: 'depthSweep',
      id: 9,
      layers: [1, 2],
      norm: 'pre',
      skipStrength: 1,
      trainSteps: 2,
      seed: 1,
      batches: 1,
    });
    const r = lastAs(out, 'depthSwept');
    expect(r.runs.map((x) => x.layers)).toEqual([1, 2]);
    expect(r.runs[1].initStreamGrad).toHaveLength(5);
    expect(r.runs[1].trainedStreamGrad.every((v) => v > 0)).toBe(true);
    expect(r.runs.map((x) => x.init)).toEqual(['gpt2', 'gpt2']);
  });

  it('runs a sweep from the init asked for, and beside it the comparison init', async () => {
    const { out, ask } = collector();
    const sweep = { type: 'depthSweep', layers: [2], norm: 'none', skipStrength: 0 };
    await ask({ ...sweep, id: 1, trainSteps: 0, seed: 1, batches: 1, compareInit: 'gpt2' });
    const r = lastAs(out, 'depthSwept');
    expect(r.runs.map((x) => x.init)).toEqual(['xavier', 'gpt2']);
    await ask({ ...sweep, id: 2, trainSteps: 0, seed: 1, batches: 1, init: 'lecun' });
    expect(out.at(-1)).toMatchObject({
      type: 'error',
      id: 2,
      message: expect.stringMatching(/"init" must be one of/),
    });
  });

  it('probes every residual point of a loaded model for word, position and agreement', async () => {
    const { out, ask } = collector();
    await ask({ type: 'load', id: 1, slot: 'residual', url: 'x' });
    await ask({ type: 'probe', id: 2, slot: 'residual', seed: 1 });
    const r = lastAs(out, 'probed');
    for (const c of [r.word, r.position, r.agreement]) {
      expect(c.accuracy).toHaveLength(5);
      expect(c.accuracy.every((a) => a >= 0 && a <= 1)).toBe(true);
      expect(c.scored).toBeGreaterThan(0);
    }
    // An untrained stream still holds its input: at x_0 the position (8 classes, C = 8) is
    // readable far above guessing (measured 0.83).
    expect(r.position.accuracy[0]).toBeGreaterThan(0.5);
    expect(r.position.majority).toBeLessThan(0.3);
    await ask({ type: 'probe', id: 3, slot: 'plain', seed: 1 });
    expect(out.at(-1)).toMatchObject({
      type: 'error',
      id: 3,
      message: expect.stringMatching(/not loaded/),
    });
  });
});

describe('loading a reader’s own file', () => {
  it('refuses a model with another vocabulary and keeps the previous one', async () => {
    const { out, ask } = collector();
    await ask({ type: 'load', id: 1, slot: 'residual', url: 'x' });
    const other = serializeModel(new Model({ ...small, vocabSize: 50 })).slice().buffer;
    await ask({
      type: 'loadBytes',
      id: 2,
      slot: 'residual',
      name: 'theirs.safetensors',
      bytes: other,
    });
    expect(out.at(-1)).toMatchObject({
      type: 'error',
      id: 2,
      message: expect.stringMatching(/vocabulary of 50 words.*previous model is still loaded/),
    });
    await ask({
      type: 'trace',
      id: 3,
      channel: 'on',
      slot: 'residual',
      text: 'the dog runs .',
      skipStrength: null,
      lesions: [],
    });
    expect(out.at(-1)?.type).toBe('traceEnd');
  });

  it('refuses a truncated file with a message naming the problem', async () => {
    const { out, ask } = collector();
    const cut = bytes().slice(0, 200);
    await ask({ type: 'loadBytes', id: 4, slot: 'residual', name: 'cut.safetensors', bytes: cut });
    expect(out.at(-1)).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/Not a valid safetensors file/),
    });
  });
});

describe('a file of unknown kind', () => {
  it('goes to the slot its own α says', async () => {
    const { out, ask } = collector();
    const plain = serializeModel(new Model({ ...small, skipStrength: 0 })).slice().buffer;
    await ask({ type: 'loadBytes', id: 1, slot: 'auto', name: 'p.safetensors', bytes: plain });
    expect(out.at(-1)).toMatchObject({ type: 'loaded', info: { slot: 'plain' } });
    await ask({ type: 'loadBytes', id: 2, slot: 'auto', name: 'r.safetensors', bytes: bytes() });
    expect(out.at(-1)).toMatchObject({ type: 'loaded', info: { slot: 'residual' } });
  });
});
