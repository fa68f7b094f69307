import { describe, expect, it } from 'vitest';
import {
  clampStage,
  lastStage,
  pointAfterBlocks,
  pointCount,
  pointStage,
  pointWriter,
  stagePoint,
  stageSublayer,
  sublayerCount,
  sublayerKind,
  sublayerLayer,
  sublayerOf,
  sublayerOutput,
  sublayerStage,
} from './positions';

describe('positions', () => {
  const L = 4;

  it('counts 2L sublayers, 2L + 1 points and 2L + 2 stages', () => {
    expect(sublayerCount(L)).toBe(8);
    expect(pointCount(L)).toBe(9);
    expect(lastStage(L)).toBe(9);
    expect(lastStage(0)).toBe(1);
  });

  it('alternates attention and MLP, two sublayers a layer', () => {
    const ks = Array.from({ length: sublayerCount(L) }, (_, k) => k);
    expect(ks.map(sublayerKind)).toEqual([
      'attn',
      'mlp',
      'attn',
      'mlp',
      'attn',
      'mlp',
      'attn',
      'mlp',
    ]);
    expect(ks.map(sublayerLayer)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    for (const k of ks) expect(sublayerOf(sublayerLayer(k), sublayerKind(k))).toBe(k);
  });

  it('round-trips sublayer → stage → sublayer, and has no sublayer at the ends', () => {
    for (let k = 0; k < sublayerCount(L); k++) expect(stageSublayer(sublayerStage(k), L)).toBe(k);
    expect(stageSublayer(0, L)).toBeNull();
    expect(stageSublayer(lastStage(L), L)).toBeNull();
  });

  it('has sublayer k read point k and write point k + 1', () => {
    for (let k = 0; k < sublayerCount(L); k++) expect(pointWriter(sublayerOutput(k))).toBe(k);
    expect(sublayerOutput(sublayerCount(L) - 1)).toBe(pointCount(L) - 1);
  });

  it('round-trips point → stage → point, and reads the output from the last point', () => {
    for (let p = 0; p < pointCount(L); p++) expect(stagePoint(pointStage(p), L)).toBe(p);
    expect(stagePoint(lastStage(L), L)).toBe(pointCount(L) - 1);
    // The stage after sublayer k shows the point sublayer k writes.
    expect(stagePoint(sublayerStage(3), L)).toBe(4);
  });

  it('puts the stream after b blocks at point 2b, the last one after every block', () => {
    expect(pointAfterBlocks(0)).toBe(0);
    expect(pointAfterBlocks(1)).toBe(2);
    expect(pointAfterBlocks(L)).toBe(pointCount(L) - 1);
  });

  it('clamps a stage into the model, rounding', () => {
    expect(clampStage(-3, L)).toBe(0);
    expect(clampStage(2.6, L)).toBe(3);
    expect(clampStage(lastStage(L), L)).toBe(lastStage(L));
    expect(clampStage(100, L)).toBe(lastStage(L));
    expect(clampStage(5, 0)).toBe(1);
  });
});
