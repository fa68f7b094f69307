import { describe, expect, it } from 'vitest';
import { makeConfig } from './config';
import { Model } from './model';

describe('makeConfig', () => {
  it('fills defaults, with the MLP 4× wide unless given', () => {
    expect(makeConfig({ dModel: 48, nHeads: 4 }).mlpHidden).toBe(192);
    expect(makeConfig({ dModel: 48, nHeads: 4, mlpHidden: 10 }).mlpHidden).toBe(10);
  });

  it('says what is wrong and what is allowed', () => {
    expect(() => makeConfig({ dModel: 30, nHeads: 4 })).toThrow(
      /dModel \(30\) must be divisible by nHeads \(4\); allowed head counts for dModel 30: 1, 2, 3, 5, 6, 10, 15, 30/,
    );
    expect(() => makeConfig({ nLayers: 0 })).toThrow(
      /nLayers must be an integer from 1 to 64, got 0/,
    );
    expect(() => makeConfig({ skipStrength: 2 })).toThrow(
      /skipStrength α must be a number from 0 to 1/,
    );
    expect(() => makeConfig({ norm: 'middle' as never })).toThrow(
      /norm must be 'pre', 'post' or 'none'/,
    );
  });

  it('supports depth up to at least 48 layers', () => {
    const model = new Model({ nLayers: 48, dModel: 8, nHeads: 2, vocabSize: 5, contextLength: 4 });
    const loss = model.forward(model.workspace(1, 4), [1, 2, 3, 4], [2, 3, 4, 0]);
    expect(Number.isFinite(loss)).toBe(true);
  });
});

describe('seeded initialisation', () => {
  it('gives identical bits for the same seed and different bits for another', () => {
    const a = new Model({ seed: 5 }).params.data;
    const b = new Model({ seed: 5 }).params.data;
    const c = new Model({ seed: 6 }).params.data;
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    expect(Buffer.from(a.buffer).equals(Buffer.from(c.buffer))).toBe(false);
  });

  it('GPT-2 init: weights have std 0.02, residual projections 0.02/√(2L)', () => {
    const L = 8;
    const m = new Model({ nLayers: L, dModel: 64, nHeads: 4, vocabSize: 256 });
    const std = (v: ArrayLike<number>): number => {
      let s = 0;
      for (let i = 0; i < v.length; i++) s += v[i] * v[i];
      return Math.sqrt(s / v.length);
    };
    expect(std(m.params.get('transformer.wte.weight'))).toBeCloseTo(0.02, 3);
    expect(std(m.params.get('transformer.h.0.mlp.c_fc.weight'))).toBeCloseTo(0.02, 3);
    expect(std(m.params.get('transformer.h.3.mlp.c_proj.weight'))).toBeCloseTo(
      0.02 / Math.sqrt(2 * L),
      3,
    );
    const x = new Model({ init: 'xavier', dModel: 64, nHeads: 4 });
    // U(±b) has std b/√3 with b = √(6/(64+256)) for c_fc.
    expect(std(x.params.get('transformer.h.0.mlp.c_fc.weight'))).toBeCloseTo(
      Math.sqrt(6 / 320) / Math.sqrt(3),
      3,
    );
  });
});
