import { describe, expect, it } from 'vitest';
import { Model } from './model';
import { IGNORE } from './ops/crossEntropy';
import { nextTokenTargets, rowNorms, summarizeTrace, traceSequence, traceSteps } from './trace';

const cfg = { vocabSize: 11, dModel: 8, nHeads: 2, nLayers: 3, contextLength: 8, mlpHidden: 16 };

describe('traceSequence', () => {
  it('records every residual point, with after = before + f(x) when α = 1 and there is no norm', () => {
    const model = new Model({ ...cfg, norm: 'none', skipStrength: 1 });
    const tr = traceSequence(model, [1, 4, 2, 9], { withGradients: true });
    expect(tr.stream).toHaveLength(7);
    expect(tr.contribution).toHaveLength(6);
    expect(tr.attention).toHaveLength(3);
    for (let k = 0; k < 6; k++) {
      for (let i = 0; i < tr.stream[k].length; i++) {
        expect(tr.stream[k + 1][i]).toBeCloseTo(tr.stream[k][i] + tr.contribution[k][i], 6);
      }
    }
    expect(tr.streamGrad).toHaveLength(7);
    expect(Number.isFinite(tr.loss)).toBe(true);
  });

  it('traces an inference model with its stream gradients, as a trained model gives them', () => {
    const trained = new Model({ ...cfg, seed: 4 });
    const traced = new Model({ ...cfg, seed: 4 }, { inference: true });
    const tokens = [2, 7, 1, 8, 2];
    const a = traceSequence(trained, tokens, { withGradients: true });
    const b = traceSequence(traced, tokens, { withGradients: true });
    expect(b.loss).toBe(a.loss);
    expect(b.streamGrad!.map((g) => Array.from(g))).toEqual(
      a.streamGrad!.map((g) => Array.from(g)),
    );
  });

  it('in steps, pauses after each sublayer and between the forward and the backward', () => {
    const model = new Model(cfg);
    const tokens = [3, 1, 4];
    const seen: string[] = [];
    const steps = traceSteps(model, tokens, {
      withGradients: true,
      onPoint: (k) => seen.push(`point ${k}`),
    });
    let step = steps.next();
    for (; !step.done; step = steps.next()) seen.push(step.value);
    const S = 2 * cfg.nLayers;
    // Each sublayer's output point, then a pause; the backward's pause once the forward is done.
    expect(seen).toEqual([
      'point 0',
      ...Array.from({ length: S }, (_, k) => [`point ${k + 1}`, 'sublayer']).flat(),
      'forward',
    ]);
    const whole = traceSequence(model, tokens, { withGradients: true });
    expect(step.value.streamGrad!.map((g) => Array.from(g))).toEqual(
      whole.streamGrad!.map((g) => Array.from(g)),
    );
    // Without a backward, only the sublayers' pauses.
    const forwardOnly = traceSteps(model, tokens);
    const kinds: string[] = [];
    for (let st = forwardOnly.next(); !st.done; st = forwardOnly.next()) kinds.push(st.value);
    expect(kinds).toEqual(Array(S).fill('sublayer'));
  });

  it('is a copy: a later forward on the same workspace does not change it', () => {
    const model = new Model(cfg);
    const a = traceSequence(model, [1, 2, 3]);
    const snapshot = Float32Array.from(a.stream[2]);
    traceSequence(model, [7, 7, 7]);
    expect(Array.from(a.stream[2])).toEqual(Array.from(snapshot));
  });

  it('summarises with the loss, the final logits and per-point norms', () => {
    const model = new Model(cfg);
    const s = summarizeTrace(traceSequence(model, [3, 1, 4, 1, 5], { withGradients: true }));
    expect(s.tokens).toEqual([3, 1, 4, 1, 5]);
    expect(s.finalLogits).toHaveLength(11);
    expect(s.streamNorms).toHaveLength(7);
    expect(s.contributionNorms).toHaveLength(6);
    expect(s.streamGradNorms).toHaveLength(7);
    expect(s.loss).toBeGreaterThan(0);
    // A single token has nothing to predict: no loss, no gradients.
    const one = summarizeTrace(traceSequence(model, [3], { withGradients: true }));
    expect(one.loss).toBeNull();
    expect(one.streamGradNorms).toBeNull();
  });
});

describe('helpers', () => {
  it('nextTokenTargets shifts by one and ignores the last position', () => {
    expect(Array.from(nextTokenTargets([5, 6, 7]))).toEqual([6, 7, IGNORE]);
  });
  it('rowNorms is the Euclidean norm of each row', () => {
    expect(Array.from(rowNorms(Float32Array.from([3, 4, 0, 0, 1, 0]), 2, 3))).toEqual([5, 1]);
  });
});
