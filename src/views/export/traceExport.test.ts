import { describe, expect, it } from 'vitest';
import type { ChannelTrace } from '../../store/traces';
import type { LensAt, TraceEnd } from '../../worker/protocol';
import { lensCsv, traceCsv, traceJson, traceRows } from './traceExport';

/** A two-word, one-layer trace built by hand (C = 2), so every figure can be checked. */
function handTrace(): ChannelTrace {
  const point = (k: number, stream: number[]) => ({
    type: 'tracePoint' as const,
    id: 1,
    channel: 'on' as const,
    point: k,
    stream: Float32Array.from(stream),
    contribution: null,
    lesioned: false,
  });
  return {
    id: 1,
    key: null,
    start: {
      type: 'traceStart',
      id: 1,
      channel: 'on',
      slot: 'residual',
      words: ['a', 'b,"c"'],
      unknown: [false, true],
      truncated: false,
      tokenIds: [1, 0],
      T: 2,
      dModel: 2,
      nLayers: 1,
      skipStrength: 1,
      norm: 'pre',
    },
    points: [point(0, [3, 4, 1, 0]), point(1, [0, 2, 0, 1]), point(2, [3, 4, -1, 0])],
    end: null,
  };
}

describe('trace export', () => {
  it('has a row per point and word with the norm and the cosine with the embedding', () => {
    const rows = traceRows(handTrace(), ['x']);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatchObject({
      point: 0,
      position: 0,
      word: 'a',
      streamNorm: 5,
      cosWithEmbedding: expect.closeTo(1, 6),
    });
    expect(rows[3]).toMatchObject({ point: 1, position: 1, cosWithEmbedding: 0 });
    expect(rows[5]).toMatchObject({
      point: 2,
      position: 1,
      cosWithEmbedding: expect.closeTo(-1, 6),
    });
  });

  it('quotes CSV fields that need it', () => {
    const csv = traceCsv(handTrace(), ['x']);
    expect(csv.split('\n')[0]).toBe(
      'point,pointName,position,word,streamNorm,cosWithEmbedding,lensTop,lensTopProb',
    );
    expect(csv).toContain('"b,""c"""');
    expect(csv.trim().split('\n')).toHaveLength(7);
  });

  it('JSON keeps the raw stream', () => {
    const j = JSON.parse(traceJson(handTrace(), ['x'], { model: 'm' }));
    expect(j.model).toBe('m');
    expect(j.stream[0]).toEqual([3, 4, 1, 0]);
  });

  it('JSON states one α, the one the trace was computed with', () => {
    const tr = handTrace();
    tr.start.skipStrength = 0.25;
    const j = JSON.parse(traceJson(tr, ['x'], { offMode: 'removed' }));
    expect(j.skipStrength).toBe(0.25);
    expect(j).not.toHaveProperty('alpha');
    // @ts-expect-error the page cannot add an α of its own beside the trace's
    expect(JSON.parse(traceJson(tr, ['x'], { alpha: 0 })).skipStrength).toBe(0.25);
  });

  it('the lens table as CSV: the top guess and its probability at every point and word', () => {
    const tr = handTrace();
    // K = 1: one guess per (point, word); ids index the vocabulary.
    tr.end = {
      lensTopIds: Int32Array.from([0, 1, 1, 0, 2, 2]),
      lensTopProbs: Float32Array.from([0.5, 0.25, 0.75, 0.5, 1, 0.125]),
    } as unknown as ChannelTrace['end'];
    const lines = lensCsv(tr, ['dog', 'cat', 'run']).trim().split('\n');
    expect(lines[0]).toBe('point,pointName,position,word,lensTop,lensTopProb');
    expect(lines).toHaveLength(7);
    expect(lines[2].split(',').slice(-2)).toEqual(['cat', '0.25']);
    expect(lines[5].split(',').slice(-2)).toEqual(['run', '1']);
  });
});

describe('trace export of a lens read one word at a time', () => {
  it('gives the words read their top guess, and the others none', () => {
    // 3 points, K = 5: word 1 has been read; its guesses are ids 2, 1, 0 at points 0, 1, 2.
    const column = {
      type: 'lensAt',
      id: 9,
      trace: 1,
      position: 1,
      topIds: Int32Array.from([2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
      topProbs: Float32Array.from([0.5, 0, 0, 0, 0, 0.25, 0, 0, 0, 0, 0.125, 0, 0, 0, 0]),
      nextRank: Int32Array.from([-1, -1, -1]),
      inputRank: Int32Array.from([0, 0, 0]),
    } satisfies LensAt;
    const tr: ChannelTrace = {
      ...handTrace(),
      end: { lensOnRequest: true, lensTopIds: new Int32Array(0) } as TraceEnd,
      lensAt: { 1: column },
    };
    const rows = traceRows(tr, ['x', 'y', 'z']);
    expect(rows.filter((r) => r.position === 1).map((r) => [r.lensTop, r.lensTopProb])).toEqual([
      ['z', 0.5],
      ['y', 0.25],
      ['x', 0.125],
    ]);
    expect(rows.filter((r) => r.position === 0).map((r) => r.lensTop)).toEqual([null, null, null]);
  });
});
