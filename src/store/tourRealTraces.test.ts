import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ENGLISH_SAMPLE } from '../data/englishSample';
import { VOCAB } from '../data/tokenizer';
import type { ModelInfo, TraceStart } from '../worker/protocol';
import { traceRequests, tracesToRequest } from './bridge';
import { EXPLORER_DEFAULTS } from './explorerSlice';
import { useApp } from './store';
import { TOUR_REAL_SENTENCE, tourRealRequests, tourRealText } from './tourRealTraces';
import { noteRequest, receiveTraceMessage, requestKey, traces } from './traces';

const model = (slot: ModelInfo['slot']) => ({ slot, nLayers: 2, dModel: 4 }) as ModelInfo;

/** The tour open, the small pair and GPT-2 loaded, GPT-2 chosen. */
const tourWithGpt2 = () => ({
  ...useApp.getState(),
  view: 'tour' as const,
  models: { residual: model('residual'), plain: model('plain'), gpt2: model('gpt2') },
  realModel: 'gpt2' as const,
  realModelStatus: { phase: 'loaded', model: 'gpt2', from: 'file' } as const,
});

beforeEach(() => {
  useApp.setState({ ...EXPLORER_DEFAULTS, realModelStatus: { phase: 'idle' } });
  traces.setState(traces.getInitialState(), true);
});

describe('what GPT-2 reads in the tour', () => {
  it('the fixed English sentence for the grammar text, the reader’s own words otherwise', () => {
    expect(tourRealText(EXPLORER_DEFAULTS.text, VOCAB)).toEqual({
      text: TOUR_REAL_SENTENCE,
      own: false,
    });
    const own = 'Hello there, my friend.';
    expect(tourRealText(own, VOCAB)).toEqual({ text: own, own: true });
    // Punctuation the grammar lacks is no sign of the reader's own text, nor is capitalisation.
    expect(tourRealText('The cat runs , !', VOCAB).own).toBe(false);
    // Before the small model's words are known, nothing counts as the reader's own.
    expect(tourRealText(own, undefined).own).toBe(false);
  });

  it('the fixed sentence is the English sample’s first', () => {
    expect(TOUR_REAL_SENTENCE).toBe(ENGLISH_SAMPLE.slice(0, ENGLISH_SAMPLE.indexOf('.') + 1));
  });
});

describe('the tour’s GPT-2 traces', () => {
  it('are asked for only in the tour, with GPT-2 loaded: with its skips, and weakened to α', () => {
    const s = { ...tourWithGpt2(), skipStrength: 0.25 };
    const reqs = tourRealRequests(s)!;
    expect(reqs.tourRealOn).toEqual({
      type: 'trace',
      channel: 'tourRealOn',
      slot: 'gpt2',
      text: TOUR_REAL_SENTENCE,
      skipStrength: null,
      lesions: [],
    });
    expect(reqs.tourRealOff).toMatchObject({ slot: 'gpt2', skipStrength: 0.25, lesions: [] });
    expect(tourRealRequests({ ...s, view: 'explorer' })).toBeNull();
    expect(tourRealRequests({ ...s, realModelStatus: { phase: 'idle' } })).toBeNull();
  });

  it('go out after the small models’ and leave their requests and keys as they were', () => {
    const s = { ...tourWithGpt2(), lesions: [1] };
    const none = traces.getInitialState().requested;
    const asked = tracesToRequest(s, none, false);
    expect(asked.map((r) => r.channel)).toEqual(['on', 'off', 'tourRealOn', 'tourRealOff']);
    expect(asked.slice(0, 2)).toEqual(Object.values(traceRequests(s)));
    expect(asked[0]).toMatchObject({ slot: 'residual', lesions: [1] });
    // Without GPT-2, exactly the small models' two requests.
    const without = { ...s, realModelStatus: { phase: 'idle' } as const };
    expect(tracesToRequest(without, none, false)).toEqual(Object.values(traceRequests(without)));
  });

  it('are asked for once per key, and again when forced', () => {
    const s = tourWithGpt2();
    const requested = { ...traces.getInitialState().requested };
    for (const req of tracesToRequest(s, requested, false)) {
      requested[req.channel] = { id: 1, key: requestKey(req) };
    }
    expect(tracesToRequest(s, requested, false)).toEqual([]);
    expect(tracesToRequest({ ...s, skipStrength: 0.5 }, requested, false)).toEqual([
      tourRealRequests({ ...s, skipStrength: 0.5 })!.tourRealOff,
    ]);
    expect(tracesToRequest(s, requested, true)).toHaveLength(4);
    // Not before GPT-2 is in the worker.
    const noGpt2 = { ...s, models: { residual: model('residual'), plain: model('plain') } };
    expect(tracesToRequest(noGpt2, traces.getInitialState().requested, false)).toHaveLength(2);
  });

  it('arrive on their own channel, beside the small models’ trace', () => {
    const req = tourRealRequests(tourWithGpt2())!.tourRealOn;
    noteRequest('tourRealOn', 5, requestKey(req));
    const start = { type: 'traceStart', id: 5, channel: 'tourRealOn', nLayers: 2 } as TraceStart;
    vi.useFakeTimers();
    receiveTraceMessage(start);
    // Starts are applied at the next frame interval (frameBatch.ts).
    vi.runAllTimers();
    vi.useRealTimers();
    expect(traces.getState().tourRealOn).toMatchObject({ id: 5, key: requestKey(req) });
    expect(traces.getState().tourRealOn?.points).toHaveLength(5);
    expect(traces.getState().on).toBeNull();
  });
});
