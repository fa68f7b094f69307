import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { attentionBackward, attentionForward } from '../ops/attention';
import { crossEntropyForward, IGNORE } from '../ops/crossEntropy';
import { geluBackward, geluForward } from '../ops/gelu';
import { layerNormBackward, layerNormForward } from '../ops/layernorm';
import { linearBackward, linearForward } from '../ops/linear';
import { matmulAB, matmulABt, matmulAtB } from '../ops/matmul';
import { activeKernels, f32KernelsFor, loadGpt2Kernels, setKernelChoice } from './select';

/**
 * Every WebAssembly kernel against the plain-TS op it replaces, on Float32 buffers of random
 * shapes, odd sizes included (they run the kernels' remainder loops). The kernels sum in f32
 * where the TS loops sum in f64, so results agree to f32 round-off, scaled by magnitude.
 */
const rand = (rng: Rng, n: number, scale = 1): Float32Array =>
  Float32Array.from({ length: n }, () => scale * rng.normal());

/** Runs `op` on fresh copies of `bufs` with each backend; returns the buffers after. */
function both(bufs: Float32Array[], op: (b: Float32Array[]) => number | void) {
  const run = (choice: 'auto' | 'ts') => {
    setKernelChoice(choice);
    const copies = bufs.map((b) => Float32Array.from(b));
    const result = op(copies);
    return { copies, result };
  };
  return { wasm: run('auto'), ts: run('ts') };
}

function expectClose(actual: Float32Array, expected: Float32Array, tol = 2e-6): void {
  let scale = 1;
  for (const v of expected) scale = Math.max(scale, Math.abs(v));
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++)
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  expect(worst / scale).toBeLessThan(tol);
}

function expectAllClose(r: ReturnType<typeof both>, tol?: number): void {
  r.ts.copies.forEach((t, i) => expectClose(r.wasm.copies[i], t, tol));
}

beforeAll(() => loadGpt2Kernels());
afterEach(() => setKernelChoice('auto'));

describe('WebAssembly kernels', () => {
  it('load here (Node has WebAssembly SIMD), and setKernelChoice("ts") switches them off', () => {
    expect(activeKernels()).toBe('wasm-simd');
    setKernelChoice('ts');
    expect(activeKernels()).toBe('ts');
  });

  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [3, 5, 7],
    [4, 8, 8],
    [13, 16, 11],
    [17, 33, 12],
    [64, 32, 96],
    [9, 70, 45],
  ];

  it.each(shapes)('matmul M=%i K=%i N=%i: three layouts, written and accumulated', (M, K, N) => {
    const rng = new Rng(M * 1000 + K * 10 + N);
    for (const accumulate of [false, true]) {
      const out = rand(rng, M * N);
      expectAllClose(
        both([out, rand(rng, M * K), rand(rng, K * N)], ([o, a, b]) =>
          matmulAB(o, a, b, M, K, N, accumulate),
        ),
      );
      expectAllClose(
        both([out, rand(rng, M * K), rand(rng, N * K)], ([o, a, b]) =>
          matmulABt(o, a, b, M, K, N, accumulate),
        ),
      );
      expectAllClose(
        both([out, rand(rng, K * M), rand(rng, K * N)], ([o, a, b]) =>
          matmulAtB(o, a, b, M, K, N, accumulate),
        ),
      );
    }
  });

  it.each(shapes)('linear N=%i I=%i O=%i: forward with and without bias, backward', (N, I, O) => {
    const rng = new Rng(N + 7 * I + 31 * O);
    const x = rand(rng, N * I);
    const w = rand(rng, O * I, 0.3);
    const b = rand(rng, O);
    const y = new Float32Array(N * O);
    expectAllClose(both([y, x, w, b], ([y, x, w, b]) => linearForward(y, x, w, b, N, I, O)));
    expectAllClose(both([y, x, w], ([y, x, w]) => linearForward(y, x, w, null, N, I, O)));
    for (const accumulateDx of [false, true]) {
      const bufs = [rand(rng, N * I), rand(rng, O * I), rand(rng, O), rand(rng, N * O), x, w];
      expectAllClose(
        both(bufs, ([dx, dw, db, dy, x, w]) =>
          linearBackward(dx, dw, db, dy, x, w, N, I, O, accumulateDx),
        ),
      );
      expectAllClose(
        both(bufs, ([_dx, dw, _db, dy, x, w]) => linearBackward(null, dw, null, dy, x, w, N, I, O)),
      );
    }
  });

  it.each([
    [1, 1],
    [3, 5],
    [4, 8],
    [7, 13],
    [16, 64],
  ])('layerNorm N=%i C=%i: forward, backward written and accumulated', (N, C) => {
    const rng = new Rng(N * 100 + C);
    const x = Float32Array.from(rand(rng, N * C), (v) => 3 * v + 2);
    const g = rand(rng, C);
    const b = rand(rng, C);
    const fwd = both(
      [new Float32Array(N * C), new Float32Array(N), new Float32Array(N), x, g, b],
      ([y, m, r, x, g, b]) => layerNormForward(y, m, r, x, g, b, N, C),
    );
    expectAllClose(fwd, 1e-5);
    const [, mean, rstd] = fwd.ts.copies;
    for (const accumulate of [false, true]) {
      const bufs = [
        rand(rng, N * C),
        rand(rng, C),
        rand(rng, C),
        rand(rng, N * C),
        x,
        mean,
        rstd,
        g,
      ];
      expectAllClose(
        both(bufs, ([dx, dg, db, dy, x, m, r, g]) =>
          layerNormBackward(dx, dg, db, dy, x, m, r, g, N, C, accumulate),
        ),
        1e-5,
      );
    }
  });

  it.each([1, 3, 4, 7, 130])('GELU n=%i, including large and tiny inputs', (n) => {
    const rng = new Rng(n);
    const x = rand(rng, n, 4);
    if (n >= 4) x.set([60, -60, 1e-8, 0]);
    expectAllClose(both([new Float32Array(n), x], ([y, x]) => geluForward(y, x, n)));
    expectAllClose(
      both([new Float32Array(n), rand(rng, n), x], ([dx, dy, x]) => geluBackward(dx, dy, x, n)),
    );
  });

  it.each([
    [1, 1, 4, 1],
    [2, 5, 8, 2],
    [3, 7, 16, 2],
    [2, 9, 24, 3],
    [2, 11, 32, 2],
    [1, 6, 36, 3],
    [1, 5, 64, 2],
    [1, 5, 96, 2], // GPT-2's head sizes (hv 12, 16, 20): registers spill, results must not
    [2, 9, 128, 2],
    [1, 7, 160, 2],
    [1, 6, 6, 2], // head size 3: not a multiple of 4, so the TS op serves both
    [1, 3, 72, 2], // head size 36: no kernel, TS again
  ])('attention B=%i T=%i C=%i nh=%i: forward and backward', (B, T, C, nh) => {
    const rng = new Rng(B * 1000 + T * 100 + C);
    const qkv = rand(rng, B * T * 3 * C);
    const fwd = both(
      [new Float32Array(B * T * C), new Float32Array(B * nh * T * T), qkv],
      ([y, att, qkv]) => attentionForward(y, att, qkv, B, T, C, nh),
    );
    expectAllClose(fwd, 1e-5);
    const att = fwd.ts.copies[1];
    expectAllClose(
      both(
        [new Float32Array(B * T * 3 * C), rand(rng, B * T * C), att, qkv],
        ([dqkv, dy, att, qkv]) =>
          attentionBackward(dqkv, new Float32Array(T), dy, att, qkv, B, T, C, nh),
      ),
      1e-5,
    );
  });

  it('serve attention for every GPT-2 size (head size 64) and head sizes 48 and 80', () => {
    const k = f32KernelsFor(new Float32Array(1));
    for (const [C, nh] of [
      [768, 12], // small, distilgpt2
      [1024, 16], // medium
      [1280, 20], // large
      [1600, 25], // XL
      [768, 16], // hs 48
      [1280, 16], // hs 80
    ])
      expect(k?.attentionFits(C, nh)).toBe(true);
    expect(k?.attentionFits(72, 2)).toBe(false);
  });

  it.each([
    [1, 2],
    [5, 7],
    [8, 64],
  ])('cross-entropy N=%i V=%i: probabilities and loss, ignored rows, extreme logits', (N, V) => {
    const rng = new Rng(N * V);
    const logits = rand(rng, N * V, 3);
    logits[0] = 80;
    if (V > 1) logits[1] = -90;
    const targets = Int32Array.from({ length: N }, () => rng.int(V));
    targets[N - 1] = IGNORE;
    const r = both([new Float32Array(N * V), logits], ([p, l]) =>
      crossEntropyForward(p, l, targets, N, V),
    );
    expectAllClose(r, 1e-6);
    if (N > 1) expect(r.wasm.result).toBeCloseTo(r.ts.result as number, 4);
    else expect(r.wasm.result).toBeNaN();
    const none = both([new Float32Array(N * V), logits], ([p, l]) =>
      crossEntropyForward(p, l, null, N, V),
    );
    expect(none.wasm.result).toBeNaN();
  });
});
