import { describe, expect, it } from 'vitest';
import { Rng } from './rng';

describe('Rng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    const seqB = Array.from({ length: 20 }, () => b.next());
    const seqC = Array.from({ length: 20 }, () => c.next());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
  });

  it('draws uniforms in [0,1) with mean 1/2 and normals with mean 0, variance 1', () => {
    const rng = new Rng(7);
    const n = 200_000;
    let sumU = 0;
    let sumZ = 0;
    let sumZ2 = 0;
    let outOfRange = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      if (!(u >= 0 && u < 1)) outOfRange++;
      sumU += u;
      const z = rng.normal();
      sumZ += z;
      sumZ2 += z * z;
    }
    expect(outOfRange).toBe(0);
    expect(sumU / n).toBeCloseTo(0.5, 2);
    expect(sumZ / n).toBeCloseTo(0, 2);
    expect(sumZ2 / n).toBeCloseTo(1, 1);
  });

  it('int(n) covers 0..n-1 and nothing else', () => {
    const rng = new Rng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.int(5));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });
});
