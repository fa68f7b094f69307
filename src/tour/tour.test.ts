import { describe, expect, it } from 'vitest';
import type { ChannelTrace } from '../store/traces';
import type { TraceStart } from '../worker/protocol';
import { CHAPTERS, chapterIndex, lastWord, setupFor } from './chapters';
import { listed, pct, signed } from './fmt';
import { argMax, countRises, decompositionAt, lesionMeasure, updateAt } from './measures';

/** A two-word, two-dimensional trace of one sublayer: x₀, then x₁ = α·x₀ + f. */
function tinyTrace(skipStrength: number, lesioned = false): ChannelTrace {
  const x0 = new Float32Array([3, 0, 0, 1]);
  const f = new Float32Array([0, 4, 1, 0]);
  const x1 = x0.map((v, i) => (lesioned ? v : skipStrength * v + f[i]));
  const start = {
    type: 'traceStart',
    id: 1,
    channel: 'on',
    slot: 'residual',
    words: ['a', 'b'],
    unknown: [false, false],
    truncated: false,
    tokenIds: [1, 2],
    T: 2,
    dModel: 2,
    nLayers: 1,
    skipStrength,
    norm: 'pre',
  } satisfies TraceStart;
  const point = (k: number, stream: Float32Array, contribution: Float32Array | null) => ({
    type: 'tracePoint' as const,
    id: 1,
    channel: 'on' as const,
    point: k,
    stream,
    contribution,
    lesioned: k > 0 && lesioned,
  });
  return { id: 1, key: null, start, points: [point(0, x0, null), point(1, x1, f)], end: null };
}

describe('tour measures', () => {
  it('reads an update: with a skip the output is x + f(x), without it is f(x)', () => {
    const on = updateAt(tinyTrace(1), 0, 0)!;
    expect(on.before).toBeCloseTo(3);
    expect(on.change).toBeCloseTo(4);
    expect(on.after).toBeCloseTo(5);
    expect(on.afterMinusSum).toBeCloseTo(0);
    expect(on.afterMinusChange).toBeGreaterThan(0.5);
    const off = updateAt(tinyTrace(0), 0, 0)!;
    expect(off.afterMinusChange).toBeCloseTo(0);
    expect(off.cosAfterBefore).toBeCloseTo(0);
  });

  it('splits the stream into parts that add up to its length', () => {
    const parts = decompositionAt(tinyTrace(1), 1, 0)!;
    expect(parts[0] + parts[1]).toBeCloseTo(5);
    expect(parts[0]).toBeCloseTo(9 / 5); // x₀·x₁/‖x₁‖ = 9/5
    expect(decompositionAt(tinyTrace(0), 1, 0)![0]).toBe(0);
  });

  it('counts rises, finds maxima, and sorts lesions into cheap and expensive', () => {
    expect(countRises([1, 2, 2, 3, 1])).toBe(2);
    expect(argMax([0.1, 3, 2])).toBe(1);
    const m = lesionMeasure(
      {
        intact: 3,
        lesioned: new Float32Array([3.1, 6.5, 3.2]),
        predictionChange: new Float32Array(3),
      },
      0.25,
    );
    expect(m.cheap).toEqual([0, 2]);
    expect(m.expensive).toEqual([1]);
    expect(m.maxCheap).toBeCloseTo(0.2, 5);
  });
});

describe('tour chapters', () => {
  it('has unique ids that the URL accepts, and finds them', () => {
    const ids = CHAPTERS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]{0,47}$/);
    expect(chapterIndex('')).toBe(0);
    expect(chapterIndex('gradient-flow')).toBe(ids.indexOf('gradient-flow'));
    expect(chapterIndex('nope')).toBe(-1);
  });

  it('follows the last real word, not the full stop', () => {
    expect(lastWord('the dogs that the cat sees run .')).toBe(6);
    expect(lastWord('. ,')).toBe(-1);
  });

  it('keeps what a link set and fills in the rest of the chapter’s state', () => {
    const ch = CHAPTERS[chapterIndex('identity-mapping')];
    const full = setupFor(ch, 4, 'the cat runs .');
    expect(full).toMatchObject({ step: 9, skips: true, source: 'trained', lesions: [], token: 2 });
    const kept = setupFor(ch, 4, 'the cat runs .', new Set(['skips', 'lesions']));
    expect(kept).not.toHaveProperty('skips');
    expect(kept).not.toHaveProperty('lesions');
    expect(kept).toHaveProperty('step', 9);
  });

  it('writes lists and signed changes for prose', () => {
    expect(listed(['a'])).toBe('a');
    expect(listed(['a', 'b', 'c'])).toBe('a, b and c');
    expect(signed(0.152)).toBe('+0.152');
    expect(signed(-0.0031)).toBe('-0.0031');
    expect(pct(0.256)).toBe('26%');
    expect(pct(-0.004)).toBe('under 1%');
  });
});
