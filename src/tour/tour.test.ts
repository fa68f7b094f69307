import { describe, expect, it } from 'vitest';
import type { ChannelTrace } from '../store/traces';
import type { TraceRequest, TraceStart } from '../worker/protocol';
import { CHAPTERS, chapterIndex, lastWord, setupFor } from './chapters';
import { answers } from './useTourTraces';

/** A two-word, two-dimensional trace of one sublayer: x₀, then x₁ = α·x₀ + f. */
function tinyTrace(alpha: number, lesioned = false): ChannelTrace {
  const x0 = new Float32Array([3, 0, 0, 1]);
  const f = new Float32Array([0, 4, 1, 0]);
  const x1 = x0.map((v, i) => (lesioned ? v : alpha * v + f[i]));
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
    skipStrength: alpha,
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
  return { id: 1, start, points: [point(0, x0, null), point(1, x1, f)], end: null };
}

describe('tour traces', () => {
  it('only accepts a trace that answers the current request', () => {
    const req: Omit<TraceRequest, 'id'> = {
      type: 'trace',
      channel: 'on',
      slot: 'residual',
      text: 'a b',
      skipStrength: null,
      lesions: [],
    };
    expect(answers(tinyTrace(1), req)).toBe(true);
    expect(answers(tinyTrace(1), { ...req, slot: 'init-residual' })).toBe(false);
    expect(answers(tinyTrace(1), { ...req, lesions: [0] })).toBe(false);
    expect(answers(tinyTrace(1, true), { ...req, lesions: [0] })).toBe(true);
    expect(answers(tinyTrace(1), { ...req, skipStrength: 0.5 })).toBe(false);
    expect(answers(null, req)).toBe(false);
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
});
