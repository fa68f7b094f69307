import { describe, expect, it } from 'vitest';
import { highwayMeasures } from './highway';
import { syntheticStreamTrace } from './syntheticTrace';

// Two words in two dimensions, one layer: x₀ = (3, 4) for the first word, f₀ = (0, 2), f₁ = (6, 0).
const x0 = [3, 4, 1, 0];
const f = [
  [0, 2, 0, 1],
  [6, 0, 0, 0],
];

describe('highway measures', () => {
  it('reads ‖x‖ at each point, ‖f(x)‖ of each sublayer and α·‖x‖ through each skip', () => {
    const m = highwayMeasures(syntheticStreamTrace(2, 2, f, x0, 0.5), 0);
    // x₁ = 0.5·(3, 4) + (0, 2) = (1.5, 4); x₂ = 0.5·x₁ + (6, 0) = (6.75, 2).
    expect(m.stream[0]).toBeCloseTo(5);
    expect(m.stream[1]).toBeCloseTo(Math.hypot(1.5, 4));
    expect(m.stream[2]).toBeCloseTo(Math.hypot(6.75, 2));
    expect(m.branch).toEqual([expect.closeTo(2), expect.closeTo(6)]);
    expect(m.skip[0]).toBeCloseTo(2.5);
    expect(m.skip[1]).toBeCloseTo(0.5 * Math.hypot(1.5, 4));
    expect(m.lesioned).toEqual([false, false]);
  });

  it('reads the word asked for', () => {
    const m = highwayMeasures(syntheticStreamTrace(2, 2, f, x0, 1), 1);
    expect(m.stream[0]).toBeCloseTo(1);
    expect(m.branch[0]).toBeCloseTo(1);
  });

  it('cuts every skip at α = 0, but a removed sublayer passes the stream on whole', () => {
    const m = highwayMeasures(syntheticStreamTrace(2, 2, f, x0, 0, [true, false]), 0);
    expect(m.lesioned).toEqual([true, false]);
    expect(m.skip[0]).toBeCloseTo(5); // x₁ = x₀ past the removed attention
    expect(m.stream[1]).toBeCloseTo(5);
    expect(m.skip[1]).toBe(0);
  });

  it('leaves points that have not arrived unknown', () => {
    const tr = syntheticStreamTrace(2, 2, f, x0, 1);
    const partial = { ...tr, points: [tr.points[0], tr.points[1], undefined] };
    const m = highwayMeasures(partial, 0);
    expect(m.stream[2]).toBeNull();
    expect(m.branch[1]).toBeNull();
    expect(m.skip[1]).toBeNull();
    expect(m.skip[0]).toBeCloseTo(5);
  });
});
