import { describe, expect, it } from 'vitest';
import { drawable, drawableParts } from './drawable';

describe('drawable', () => {
  it('lets through finite numbers only, and on a log axis positive ones', () => {
    expect([1, -2, 0, 3e38].map((v) => drawable(v))).toEqual([true, true, true, true]);
    expect([NaN, Infinity, -Infinity, null, undefined].map((v) => drawable(v))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect([1e-9, 0, -1].map((v) => drawable(v, true))).toEqual([true, false, false]);
  });

  it('keeps a stacked bar whole or drops it: a non-finite part, or parts summing past range', () => {
    expect(drawableParts([1, -2, 3])).toEqual([1, -2, 3]);
    expect(drawableParts([1, NaN, 3])).toBeNull();
    expect(drawableParts([1.5e308, 1.5e308])).toBeNull();
    expect(drawableParts([-1.5e308, -1.5e308])).toBeNull();
    expect(drawableParts(null)).toBeNull();
  });
});
