import { describe, expect, it } from 'vitest';
import * as show from './format';

describe('numbers for prose', () => {
  it('formats numbers with plain minus signs', () => {
    expect(show.num(0.31234)).toBe('0.312');
    expect(show.num(-0.5)).toBe('-0.5');
    expect(show.num(1.23e-19)).toBe('1.2e-19');
    expect(show.num(NaN)).toBe('—');
    expect(show.num(null)).toBe('—');
    expect(show.f2(1.005)).toBe('1.00');
  });

  it('writes lists, counts, shares and signed changes', () => {
    expect(show.listed(['a'])).toBe('a');
    expect(show.listed(['a', 'b', 'c'])).toBe('a, b and c');
    expect(show.signed(0.152)).toBe('+0.152');
    expect(show.signed(-0.0031)).toBe('-0.0031');
    expect(show.pct(0.256)).toBe('26%');
    expect(show.pct(-0.004)).toBe('under 1%');
    expect(show.ofN(3, 8)).toBe('3 of 8');
    expect(show.count(1, 'layer')).toBe('1 layer');
    expect(show.count(2, 'layer')).toBe('2 layers');
  });
});

describe('numbers for charts and tables', () => {
  it('has one formatter per style', () => {
    expect(show.sig3(0.123456)).toBe('0.123');
    expect(show.sig3(2)).toBe('2');
    expect(show.sig4(3.14159)).toBe('3.142');
    expect(show.whole(12)).toBe('12');
    expect(show.thousands(1234567)).toBe('1,234,567');
    expect(show.expTick(1e-6)).toBe('1e-6');
    expect(show.siTick(2000)).toBe('2k');
  });
});

describe('a value that is not a number', () => {
  it('prints — in every formatter, never NaN or Infinity', () => {
    const formatters = {
      num: show.num,
      f2: show.f2,
      signed: show.signed,
      pct: show.pct,
      sig3: show.sig3,
      sig4: show.sig4,
      whole: show.whole,
      thousands: show.thousands,
      expTick: show.expTick,
      siTick: show.siTick,
    };
    for (const [name, f] of Object.entries(formatters))
      for (const v of [NaN, Infinity, -Infinity]) expect(f(v), `${name}(${v})`).toBe('—');
    // An axis tick that is not a power of ten's has no label rather than a dash.
    expect(show.powerTick(NaN)).toBe('');
  });
});

describe('log-axis ticks', () => {
  it('writes small powers plainly and others with superscripts', () => {
    expect(show.powerTick(1)).toBe('1');
    expect(show.powerTick(0.01)).toBe('0.01');
    expect(show.powerTick(100)).toBe('100');
    expect(show.powerTick(1e-6)).toBe('10⁻⁶');
    expect(show.powerTick(1e-19)).toBe('10⁻¹⁹');
    expect(show.powerTick(1e4)).toBe('10⁴');
  });
});

describe('chart values and form input', () => {
  it('turns arrays into chart values and clamps form input', () => {
    expect(show.toValues(Float32Array.from([1, NaN]), 3)).toEqual([1, null, null]);
    expect(show.clampInt('7.6', 1, 16, 4)).toBe(8);
    expect(show.clampInt('99', 1, 16, 4)).toBe(16);
    expect(show.clampInt('x', 1, 16, 4)).toBe(4);
  });
});
