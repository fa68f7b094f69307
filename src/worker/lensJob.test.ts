import { describe, expect, it } from 'vitest';
import { LENS_TOP_K } from '../analysis/lensOutput';
import { vocabSize } from '../data/tokenizer';
import { Model } from '../engine/model';
import { serializeModel } from '../engine/modelFile';
import { createHandler } from './handler';
import type { LensAt, Response, TraceEnd, TraceStart } from './protocol';

const small = { vocabSize, dModel: 8, nHeads: 2, nLayers: 2, contextLength: 8, mlpHidden: 16 };

async function loadedHandler() {
  const h = createHandler({ fetchBytes: () => Promise.reject(new Error('no fetching')) });
  const ask = async (data: unknown): Promise<Response[]> => {
    const out: Response[] = [];
    await h.handle(data, (r) => out.push(r));
    return out;
  };
  const bytes = serializeModel(new Model(small)).slice().buffer as ArrayBuffer;
  await ask({ type: 'loadBytes', id: 1, slot: 'residual', name: 'm', bytes });
  return ask;
}

const trace = (id: number, channel: 'on' | 'off', text: string) => ({
  type: 'trace',
  id,
  channel,
  slot: 'residual',
  text,
  skipStrength: null,
  lesions: [],
});

describe('the lens of one position, on request', () => {
  it('equals the trace’s own all-positions lens at every position of a small model', async () => {
    const ask = await loadedHandler();
    const out = await ask(trace(2, 'on', 'The dogs run .'));
    const start = out[0] as TraceStart;
    const end = out[out.length - 1] as TraceEnd;
    expect(end.lensOnRequest).toBe(false);
    const { T } = start;
    const P = end.lensNextRank.length / T;
    const K = LENS_TOP_K;
    for (let t = 0; t < T; t++) {
      const [a] = await ask({ type: 'lens', id: 10 + t, trace: 2, position: t });
      const lens = a as LensAt;
      expect(lens).toMatchObject({ type: 'lensAt', id: 10 + t, trace: 2, position: t });
      for (let p = 0; p < P; p++) {
        const at = p * T + t;
        expect([...lens.topIds.subarray(p * K, (p + 1) * K)]).toEqual([
          ...end.lensTopIds.subarray(at * K, (at + 1) * K),
        ]);
        expect([...lens.topProbs.subarray(p * K, (p + 1) * K)]).toEqual([
          ...end.lensTopProbs.subarray(at * K, (at + 1) * K),
        ]);
        expect(lens.nextRank[p]).toBe(end.lensNextRank[at]);
        expect(lens.inputRank[p]).toBe(end.lensInputRank[at]);
      }
    }
  });

  it('keeps each channel’s latest trace, and says so when the one asked for was replaced', async () => {
    const ask = await loadedHandler();
    await ask(trace(2, 'on', 'The dogs run .'));
    await ask(trace(3, 'off', 'The dog runs .'));
    await ask(trace(4, 'on', 'The cats sleep .'));
    const [replaced] = await ask({ type: 'lens', id: 5, trace: 2, position: 0 });
    expect(replaced).toMatchObject({
      type: 'error',
      id: 5,
      message: expect.stringMatching(/replaced by a newer one/),
    });
    // A channel would make the client take the error for a failed trace.
    expect((replaced as { channel?: string }).channel).toBeUndefined();
    const [other] = await ask({ type: 'lens', id: 6, trace: 3, position: 1 });
    expect(other).toMatchObject({ type: 'lensAt', trace: 3, position: 1 });
    const [outside] = await ask({ type: 'lens', id: 7, trace: 4, position: 9 });
    expect(outside).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/position 9 is outside the trace/),
    });
  });
});
