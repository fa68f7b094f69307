import { describe, expect, it } from 'vitest';
import { appendBounded, type CurvePoint } from './boundedCurve';

describe('appendBounded', () => {
  it('keeps everything while there is room', () => {
    const pts = [1, 2, 3].map((s) => ({ step: s, value: s * 10 }));
    expect(appendBounded([], pts, 5)).toEqual(pts);
  });

  it('never holds more than its capacity over a long run, keeps the last step, and keeps the mean', () => {
    let curve: CurvePoint[] = [];
    for (let s = 1; s <= 20_000; s += 10) {
      curve = appendBounded(
        curve,
        Array.from({ length: 10 }, (_, i) => ({ step: s + i, value: 1 })),
        100,
      );
      expect(curve.length).toBeLessThanOrEqual(100);
    }
    expect(curve.at(-1)!.step).toBe(20_000);
    expect(curve.every((p) => p.value === 1)).toBe(true);
    // Steps stay in order.
    for (let i = 1; i < curve.length; i++) expect(curve[i].step).toBeGreaterThan(curve[i - 1].step);
  });
});
