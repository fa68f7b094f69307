import { describe, expect, it } from 'vitest';
import type { NormPlacement } from './config';
import { Model } from './model';
import { AdamW } from './adamw';
import { IGNORE } from './ops/crossEntropy';
import { Rng } from './rng';

/**
 * Whole-model gradient checks: every parameter and every residual point, by central
 * differences in Float64, for each norm placement and three skip strengths.
 */
const tiny = { vocabSize: 7, dModel: 8, nHeads: 2, nLayers: 2, contextLength: 6, mlpHidden: 12 };
const B = 2;
const T = 5;

function makeBatch(seed: number): { tokens: Int32Array; targets: Int32Array } {
  const rng = new Rng(seed);
  const tokens = Int32Array.from({ length: B * T }, () => rng.int(tiny.vocabSize));
  const targets = Int32Array.from({ length: B * T }, () => rng.int(tiny.vocabSize));
  targets[3] = IGNORE; // ignored positions must neither add loss nor gradient
  return { tokens, targets };
}

/** Moves every parameter off its tidy initial value so biases and gains are exercised too. */
function jiggle(model: Model, seed: number): void {
  const rng = new Rng(seed);
  const d = model.params.data;
  for (let i = 0; i < d.length; i++) d[i] += 0.3 * rng.normal();
}

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1e-6, Math.abs(a) + Math.abs(b));
}

const cases: [NormPlacement, number][] = [];
for (const norm of ['pre', 'post', 'none'] as const)
  for (const a of [1, 0, 0.5]) cases.push([norm, a]);

describe('Model gradients match finite differences', () => {
  it.each(cases)('norm=%s α=%s: every parameter', (norm, skipStrength) => {
    const model = new Model({ ...tiny, norm, skipStrength, seed: 3 }, { precision: 'f64' });
    jiggle(model, 11);
    const ws = model.workspace(B, T);
    const { tokens, targets } = makeBatch(5);
    model.forward(ws, tokens, targets);
    model.backward(ws);
    const analytic = Float64Array.from(model.grads.data);
    const p = model.params.data;
    const h = 1e-5;
    let worst = 0;
    let worstAt = '';
    for (const spec of model.params.specs) {
      for (let j = 0; j < spec.size; j++) {
        const i = spec.offset + j;
        const keep = p[i];
        p[i] = keep + h;
        const up = model.forward(ws, tokens, targets);
        p[i] = keep - h;
        const down = model.forward(ws, tokens, targets);
        p[i] = keep;
        const numeric = (up - down) / (2 * h);
        const err = Math.abs(numeric - analytic[i]) > 1e-8 ? relErr(numeric, analytic[i]) : 0;
        if (err > worst) {
          worst = err;
          worstAt = `${spec.name}[${j}] numeric ${numeric} analytic ${analytic[i]}`;
        }
      }
    }
    expect(worst, worstAt).toBeLessThan(1e-5);
  });

  it.each(cases)('norm=%s α=%s: ∂loss/∂stream at every residual point', (norm, skipStrength) => {
    const model = new Model({ ...tiny, norm, skipStrength, seed: 4 }, { precision: 'f64' });
    jiggle(model, 12);
    const ws = model.workspace(B, T);
    const { tokens, targets } = makeBatch(6);
    model.forward(ws, tokens, targets);
    model.backward(ws);
    const L = tiny.nLayers;
    const C = tiny.dModel;
    const analytic = ws.streamGrad.map((g) => Float64Array.from(g));
    const h = 1e-5;
    const rng = new Rng(9);
    for (let point = 0; point <= 2 * L; point++) {
      // Check a sample of coordinates at each point, on both batch rows.
      for (let trial = 0; trial < 12; trial++) {
        const idx = rng.int(B * T * C);
        const at = (delta: number): number =>
          model.forward(ws, tokens, targets, {
            patch: (k, x) => {
              if (k === point) x[idx] += delta;
            },
          });
        const numeric = (at(h) - at(-h)) / (2 * h);
        const a = analytic[point][idx];
        if (Math.abs(numeric - a) > 1e-8) {
          expect(relErr(numeric, a), `point ${point} idx ${idx}: ${numeric} vs ${a}`).toBeLessThan(
            1e-5,
          );
        }
      }
    }
  });

  it('a lesioned sublayer passes the stream and its gradient through unchanged', () => {
    const model = new Model({ ...tiny, skipStrength: 0.5, seed: 2 }, { precision: 'f64' });
    jiggle(model, 1);
    const ws = model.workspace(B, T);
    const { tokens, targets } = makeBatch(1);
    const lesions = [0, 1, 0, 0];
    const lossLesioned = model.forward(ws, tokens, targets, { lesions });
    model.backward(ws);
    expect(Array.from(ws.stream[2])).toEqual(Array.from(ws.stream[1]));
    expect(Array.from(ws.streamGrad[1])).toEqual(Array.from(ws.streamGrad[2]));
    expect(ws.contribution[1].every((v) => v === 0)).toBe(true);
    // The lesioned MLP's weights get no gradient; the others do.
    expect(model.grads.get('transformer.h.0.mlp.c_fc.weight').every((v) => v === 0)).toBe(true);
    expect(model.grads.get('transformer.h.1.mlp.c_fc.weight').some((v) => v !== 0)).toBe(true);
    const lossIntact = model.forward(ws, tokens, targets);
    expect(lossIntact).not.toBeCloseTo(lossLesioned, 6);
  });

  it('a forward from point k on the stream a full pass had there gives that pass’s loss and logits', () => {
    const model = new Model({ ...tiny, seed: 4 });
    jiggle(model, 2);
    const ws = model.workspace(B, T);
    const { tokens, targets } = makeBatch(3);
    const lesions = [0, 0, 1, 0];
    const streams: Float32Array[] = [];
    const full = model.forward(ws, tokens, targets, {
      lesions,
      patch: (k, x) => void (streams[k] = Float32Array.from(x)),
    });
    const logits = Float32Array.from(ws.logits);
    for (const point of [1, 2, 4]) {
      ws.logits.fill(0);
      const from = model.forward(ws, tokens, targets, {
        lesions,
        from: { point, stream: streams[point] },
      });
      expect(from, `from point ${point}`).toBe(full);
      expect(ws.logits).toEqual(logits);
    }
    // The stream before the start point is not computed: a backward would read stale buffers.
    expect(() => model.backward(ws)).toThrow(
      /backward needs a forward from the embedding; the last one started at point 4/,
    );
    expect(() =>
      model.forward(ws, tokens, targets, { from: { point: 5, stream: streams[0] } }),
    ).toThrow(/from 0 to 4, got 5/);
    expect(() =>
      model.forward(ws, tokens, targets, { from: { point: 1, stream: new Float32Array(3) } }),
    ).toThrow(/N·C = 80 values, got 3/);
    model.forward(ws, tokens, targets);
    expect(() => model.backward(ws)).not.toThrow();
  });

  it('Float32 agrees with Float64 on the loss and the gradient', () => {
    const m64 = new Model({ ...tiny, seed: 8 }, { precision: 'f64' });
    const m32 = new Model({ ...tiny, seed: 8 }, { precision: 'f32' });
    const { tokens, targets } = makeBatch(2);
    const l64 = m64.forward(m64.workspace(B, T), tokens, targets);
    const l32 = m32.forward(m32.workspace(B, T), tokens, targets);
    expect(l32).toBeCloseTo(l64, 5);
    m64.backward(m64.workspace(B, T));
    m32.backward(m32.workspace(B, T));
    for (let i = 0; i < m64.grads.data.length; i++) {
      expect(Math.abs(m32.grads.data[i] - m64.grads.data[i])).toBeLessThan(1e-5);
    }
  });
});

describe('inference-time skip strength', () => {
  it('a forward with skipStrength overridden equals a model configured with that α, gradients included', () => {
    const a = new Model({ ...tiny, skipStrength: 1, seed: 3 }, { precision: 'f64' });
    const b = new Model({ ...tiny, skipStrength: 0.25, seed: 3 }, { precision: 'f64' });
    const { tokens, targets } = makeBatch(3);
    const wsA = a.workspace(B, T);
    const wsB = b.workspace(B, T);
    expect(a.forward(wsA, tokens, targets, { skipStrength: 0.25 })).toBe(
      b.forward(wsB, tokens, targets),
    );
    a.backward(wsA);
    b.backward(wsB);
    expect(Array.from(a.grads.data)).toEqual(Array.from(b.grads.data));
    expect(() => a.forward(wsA, tokens, targets, { skipStrength: 1.5 })).toThrow(/from 0 to 1/);
  });
});

describe('Model construction', () => {
  const cfg = { vocabSize: 11, dModel: 8, nHeads: 2, nLayers: 2, contextLength: 6, mlpHidden: 16 };
  it('draws its initial weights, the same for the same seed', () => {
    const a = new Model({ ...cfg, seed: 3 });
    const b = new Model({ ...cfg, seed: 3 });
    expect(a.params.data.some((v) => v !== 0)).toBe(true);
    expect(Array.from(a.params.data)).toEqual(Array.from(b.params.data));
  });
  it('with init: false leaves every weight at zero, for a loader that sets them all', () => {
    const m = new Model(cfg, { init: false });
    expect(m.params.data.every((v) => v === 0)).toBe(true);
  });
});

describe('inference models', () => {
  it.each(cases)(
    'norm=%s α=%s: streamBackward gives the full backward’s ∂loss/∂stream and no parameter gradient',
    (norm, skipStrength) => {
      const config = { ...tiny, norm, skipStrength, seed: 6 };
      const trained = new Model(config, { precision: 'f64' });
      const traced = new Model(config, { precision: 'f64', inference: true });
      jiggle(trained, 13);
      traced.params.data.set(trained.params.data);
      const { tokens, targets } = makeBatch(7);
      const lesions = [0, 0, 1, 0];
      const wsTrained = trained.workspace(B, T);
      const wsTraced = traced.workspace(B, T);
      trained.forward(wsTrained, tokens, targets, { lesions });
      traced.forward(wsTraced, tokens, targets, { lesions });
      trained.backward(wsTrained);
      traced.streamBackward(wsTraced);
      for (let k = 0; k < wsTrained.streamGrad.length; k++) {
        expect(Array.from(wsTraced.streamGrad[k]), `point ${k}`).toEqual(
          Array.from(wsTrained.streamGrad[k]),
        );
      }
      // On a trained model it leaves the last backward's parameter gradients as they were.
      const before = Float64Array.from(trained.grads.data);
      trained.forward(wsTrained, tokens, makeBatch(8).targets);
      trained.streamBackward(wsTrained);
      expect(Array.from(trained.grads.data)).toEqual(Array.from(before));
    },
  );

  it('streamBackward matches finite differences, with α overridden at inference', () => {
    const model = new Model({ ...tiny, seed: 9 }, { precision: 'f64', inference: true });
    const d = model.params.data;
    const rng = new Rng(14);
    for (let i = 0; i < d.length; i++) d[i] += 0.3 * rng.normal();
    const ws = model.workspace(B, T);
    const { tokens, targets } = makeBatch(10);
    const loss = (point: number, idx: number, delta: number): number =>
      model.forward(ws, tokens, targets, {
        skipStrength: 0.5,
        patch: (k, x) => {
          if (k === point) x[idx] += delta;
        },
      });
    loss(-1, 0, 0);
    model.streamBackward(ws);
    const analytic = ws.streamGrad.map((g) => Float64Array.from(g));
    const h = 1e-5;
    for (let point = 0; point < analytic.length; point++) {
      for (let trial = 0; trial < 8; trial++) {
        const idx = rng.int(B * T * tiny.dModel);
        const numeric = (loss(point, idx, h) - loss(point, idx, -h)) / (2 * h);
        const a = analytic[point][idx];
        expect(Math.abs(numeric - a), `point ${point} idx ${idx}`).toBeLessThan(
          1e-6 * Math.max(1, Math.abs(a)),
        );
      }
    }
  });

  it('holds no gradients, cannot be trained, and keeps one workspace of at most 128 rows', () => {
    const model = new Model({ ...tiny, contextLength: 200 }, { inference: true });
    expect(() => model.grads).toThrow(/an inference model has no parameter gradients/);
    expect(() => model.backward(model.workspace(1, 3))).toThrow(/no parameter gradients/);
    expect(() => new AdamW(model)).toThrow(/an inference model cannot be trained/);
    const first = model.workspace(1, 4);
    expect(model.workspace(1, 4)).toBe(first);
    model.workspace(2, 64);
    expect(model.workspace(1, 4)).not.toBe(first);
    expect(() => model.workspace(1, 129)).toThrow(/at most 128 rows at once, got B=1 × T=129/);
    expect(() => model.workspace(2, 65)).toThrow(/at most 128 rows/);
  });
});
