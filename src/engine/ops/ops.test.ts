import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { attentionForward } from './attention';
import { crossEntropyBackward, crossEntropyForward, IGNORE } from './crossEntropy';
import { geluBackward, geluForward } from './gelu';
import { layerNormForward } from './layernorm';
import { matmulAB, matmulABt, matmulAtB } from './matmul';

const rand = (rng: Rng, n: number): Float64Array =>
  Float64Array.from({ length: n }, () => rng.normal());

/** The definition, written as plainly as possible, to compare the kernels against. */
function naive(
  a: (i: number, k: number) => number,
  b: (k: number, j: number) => number,
  M: number,
  K: number,
  N: number,
): Float64Array {
  const out = new Float64Array(M * N);
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) for (let k = 0; k < K; k++) out[i * N + j] += a(i, k) * b(k, j);
  return out;
}

describe('matmul kernels', () => {
  // Odd sizes exercise the unrolled loops' remainders.
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [3, 5, 7],
    [8, 9, 4],
    [13, 16, 11],
  ];
  it.each(shapes)(
    'M=%i K=%i N=%i: all three layouts equal the definition, and accumulate adds',
    (M, K, N) => {
      const rng = new Rng(M * 100 + K * 10 + N);
      const a = rand(rng, M * K);
      const b = rand(rng, K * N);
      const expected = naive(
        (i, k) => a[i * K + k],
        (k, j) => b[k * N + j],
        M,
        K,
        N,
      );
      const out = new Float64Array(M * N);
      matmulAB(out, a, b, M, K, N);
      out.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 10));

      // Same product with b given transposed (N, K), and a given transposed (K, M).
      const bt = new Float64Array(N * K);
      for (let k = 0; k < K; k++) for (let j = 0; j < N; j++) bt[j * K + k] = b[k * N + j];
      const at = new Float64Array(K * M);
      for (let i = 0; i < M; i++) for (let k = 0; k < K; k++) at[k * M + i] = a[i * K + k];
      matmulABt(out, a, bt, M, K, N);
      out.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 10));
      matmulAtB(out, at, b, M, K, N);
      out.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 10));
      matmulAtB(out, at, b, M, K, N, true);
      out.forEach((v, i) => expect(v).toBeCloseTo(2 * expected[i], 10));
    },
  );
});

describe('layerNorm', () => {
  it('with unit gain and zero bias gives rows of mean 0 and variance 1 (up to ε)', () => {
    const rng = new Rng(1);
    const N = 4;
    const C = 16;
    const x = Float64Array.from(rand(rng, N * C), (v) => 3 * v + 5);
    const y = new Float64Array(N * C);
    layerNormForward(
      y,
      new Float64Array(N),
      new Float64Array(N),
      x,
      new Float64Array(C).fill(1),
      new Float64Array(C),
      N,
      C,
    );
    for (let n = 0; n < N; n++) {
      const row = y.subarray(n * C, (n + 1) * C);
      const mean = row.reduce((s, v) => s + v, 0) / C;
      const variance = row.reduce((s, v) => s + (v - mean) ** 2, 0) / C;
      expect(mean).toBeCloseTo(0, 10);
      expect(variance).toBeCloseTo(1, 4);
    }
  });
});

describe('GELU', () => {
  it('matches known values and its derivative matches finite differences', () => {
    const x = Float64Array.from([0, 1, -1, 3, -3, 10]);
    const y = new Float64Array(x.length);
    geluForward(y, x, x.length);
    expect(y[0]).toBe(0);
    expect(y[1]).toBeCloseTo(0.841192, 5); // tanh-approximate GELU(1)
    expect(y[2]).toBeCloseTo(-0.158808, 5);
    expect(y[5]).toBeCloseTo(10, 6);
    const dx = new Float64Array(x.length);
    geluBackward(dx, new Float64Array(x.length).fill(1), x, x.length);
    expect(dx[0]).toBeCloseTo(0.5, 10);
    const h = 1e-6;
    for (let i = 0; i < x.length; i++) {
      const up = new Float64Array(1);
      const down = new Float64Array(1);
      geluForward(up, Float64Array.of(x[i] + h), 1);
      geluForward(down, Float64Array.of(x[i] - h), 1);
      expect(dx[i]).toBeCloseTo((up[0] - down[0]) / (2 * h), 7);
    }
  });
});

describe('cross-entropy', () => {
  it('is log V for equal logits, skips ignored rows, and its gradient is (p − onehot)/count', () => {
    const V = 5;
    const logits = Float64Array.from([1, 1, 1, 1, 1, 0, 0, 9, 0, 0]);
    const probs = new Float64Array(2 * V);
    const loss = crossEntropyForward(probs, logits, Int32Array.from([2, IGNORE]), 2, V);
    expect(loss).toBeCloseTo(Math.log(V), 12);
    const d = new Float64Array(2 * V);
    crossEntropyBackward(d, probs, Int32Array.from([2, IGNORE]), 2, V);
    expect(Array.from(d.subarray(0, V))).toEqual(
      [0.2, 0.2, -0.8, 0.2, 0.2].map((v) => expect.closeTo(v, 12)),
    );
    expect(d.subarray(V).every((v) => v === 0)).toBe(true);
    expect(crossEntropyForward(probs, logits, Int32Array.from([IGNORE, IGNORE]), 2, V)).toBeNaN();
  });

  it('stays finite for a hugely wrong confident prediction', () => {
    const probs = new Float64Array(2);
    const loss = crossEntropyForward(
      probs,
      Float64Array.from([1000, -1000]),
      Int32Array.from([1]),
      1,
      2,
    );
    expect(loss).toBeCloseTo(2000, 6);
  });
});

describe('causal attention', () => {
  it('at the first position returns that position’s value, and never looks ahead', () => {
    const rng = new Rng(3);
    const B = 1;
    const T = 4;
    const C = 6;
    const nh = 2;
    const qkv = rand(rng, B * T * 3 * C);
    const y = new Float64Array(B * T * C);
    const att = new Float64Array(B * nh * T * T);
    attentionForward(y, att, qkv, B, T, C, nh);
    for (let i = 0; i < C; i++) expect(y[i]).toBeCloseTo(qkv[2 * C + i], 12);
    for (let h = 0; h < nh; h++) {
      for (let t = 0; t < T; t++) {
        let sum = 0;
        for (let s = 0; s < T; s++) {
          const p = att[(h * T + t) * T + s];
          if (s > t) expect(p).toBe(0);
          sum += p;
        }
        expect(sum).toBeCloseTo(1, 12);
      }
    }
    // Changing the last position's keys and values must not change earlier outputs.
    const qkv2 = Float64Array.from(qkv);
    for (let i = C; i < 3 * C; i++) qkv2[(T - 1) * 3 * C + i] += 1;
    const y2 = new Float64Array(B * T * C);
    attentionForward(y2, new Float64Array(att.length), qkv2, B, T, C, nh);
    for (let i = 0; i < (T - 1) * C; i++) expect(y2[i]).toBe(y[i]);
  });
});
