import { describe, expect, it } from 'vitest';
import { Rng } from '../engine/rng';
import {
  cosine,
  dot,
  logGamma,
  meanRowNorm,
  norm,
  randomAbsCosine,
  rowCosine,
  rowNorm,
} from './vectors';

describe('vector helpers', () => {
  it('dot, norm and cosine read rows at an offset', () => {
    const m = Float32Array.from([1, 0, 0, 0, 3, 4, 0, 2, 0]);
    expect(dot(m, 3, m, 6, 3)).toBe(6);
    expect(norm(m, 3, 3)).toBe(5);
    expect(cosine(m, 0, m, 6, 3)).toBe(0); // orthogonal
    expect(cosine(m, 3, m, 3, 3)).toBe(1); // identical
    expect(cosine([1, 2], 0, [-2, -4], 0, 2)).toBeCloseTo(-1, 12); // opposite
    expect(cosine([0, 0], 0, [1, 2], 0, 2)).toBeNaN(); // a zero vector has no direction
  });

  it('norms and cosines per row of a (T, C) buffer; a zero row has cosine 0', () => {
    const a = [3, 4, 1, 0];
    const b = [-3, -4, 0, 2];
    expect(rowNorm(a, 0, 2)).toBe(5);
    expect(meanRowNorm(a, 2, 2)).toBe(3); // (5 + 1) / 2
    expect(meanRowNorm(a, 2, 2, 1)).toBe(1); // the first row left out
    expect(rowCosine(a, b, 0, 2)).toBeCloseTo(-1, 12);
    expect(rowCosine(a, b, 1, 2)).toBeCloseTo(0, 12);
    expect(rowCosine([0, 0], [1, 1], 0, 2)).toBe(0);
  });
});

describe('logGamma', () => {
  it('matches known values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 10);
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 10);
    expect(logGamma(1000.5)).toBeCloseTo(5908.674175848678, 6);
  });
});

describe('randomAbsCosine', () => {
  it('is 2/π in the plane and 1/2 in 3-D (uniform cos on the sphere)', () => {
    expect(randomAbsCosine(2)).toBeCloseTo(2 / Math.PI, 12);
    expect(randomAbsCosine(3)).toBeCloseTo(0.5, 12);
  });

  it('approaches √(2/(πC)) and stays finite in high dimension', () => {
    for (const C of [256, 4096]) {
      const asymptote = Math.sqrt(2 / (Math.PI * C));
      // E|cos| = √(2/(πC))·(1 + 1/(4C) + …), so the relative gap shrinks like 1/C.
      expect(randomAbsCosine(C) / asymptote - 1).toBeGreaterThan(0);
      expect(randomAbsCosine(C) / asymptote - 1).toBeLessThan(1 / C);
    }
    expect(Number.isFinite(randomAbsCosine(100_000))).toBe(true);
  });

  it('agrees with Monte Carlo over Gaussian vectors', () => {
    const rng = new Rng(7);
    const C = 16;
    const pairs = 4000;
    const a = new Float64Array(C);
    const b = new Float64Array(C);
    let sum = 0;
    let absSum = 0;
    for (let i = 0; i < pairs; i++) {
      for (let c = 0; c < C; c++) {
        a[c] = rng.normal();
        b[c] = rng.normal();
      }
      const cos = cosine(a, 0, b, 0, C);
      sum += cos;
      absSum += Math.abs(cos);
    }
    // sd(|cos|) ≈ 0.15 at C = 16, so the standard error is ≈ 0.0025.
    expect(absSum / pairs).toBeCloseTo(randomAbsCosine(C), 2);
    expect(Math.abs(sum / pairs)).toBeLessThan(0.02);
  });
});
