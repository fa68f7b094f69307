import { describe, expect, it } from 'vitest';
import {
  clampInt,
  count,
  expTick,
  f2,
  listed,
  num,
  ofN,
  pct,
  powerTick,
  sig3,
  sig4,
  signed,
  siTick,
  thousands,
  toValues,
  whole,
} from './format';

describe('numbers for prose', () => {
  it('formats numbers with plain minus signs', () => {
    expect(num(0.31234)).toBe('0.312');
    expect(num(-0.5)).toBe('-0.5');
    expect(num(1.23e-19)).toBe('1.2e-19');
    expect(num(NaN)).toBe('—');
    expect(num(null)).toBe('—');
    expect(f2(1.005)).toBe('1.00');
  });

  it('writes lists, counts, shares and signed changes', () => {
    expect(listed(['a'])).toBe('a');
    expect(listed(['a', 'b', 'c'])).toBe('a, b and c');
    expect(signed(0.152)).toBe('+0.152');
    expect(signed(-0.0031)).toBe('-0.0031');
    expect(pct(0.256)).toBe('26%');
    expect(pct(-0.004)).toBe('under 1%');
    expect(ofN(3, 8)).toBe('3 of 8');
    expect(count(1, 'layer')).toBe('1 layer');
    expect(count(2, 'layer')).toBe('2 layers');
  });
});

describe('numbers for charts and tables', () => {
  it('has one formatter per style', () => {
    expect(sig3(0.123456)).toBe('0.123');
    expect(sig3(2)).toBe('2');
    expect(sig4(3.14159)).toBe('3.142');
    expect(whole(12)).toBe('12');
    expect(thousands(1234567)).toBe('1,234,567');
    expect(expTick(1e-6)).toBe('1e-6');
    expect(siTick(2000)).toBe('2k');
  });
});

describe('log-axis ticks', () => {
  it('writes small powers plainly and others with superscripts', () => {
    expect(powerTick(1)).toBe('1');
    expect(powerTick(0.01)).toBe('0.01');
    expect(powerTick(100)).toBe('100');
    expect(powerTick(1e-6)).toBe('10⁻⁶');
    expect(powerTick(1e-19)).toBe('10⁻¹⁹');
    expect(powerTick(1e4)).toBe('10⁴');
  });
});

describe('chart values and form input', () => {
  it('turns arrays into chart values and clamps form input', () => {
    expect(toValues(Float32Array.from([1, NaN]), 3)).toEqual([1, null, null]);
    expect(clampInt('7.6', 1, 16, 4)).toBe(8);
    expect(clampInt('99', 1, 16, 4)).toBe(16);
    expect(clampInt('x', 1, 16, 4)).toBe(4);
  });
});
