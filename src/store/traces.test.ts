import { beforeEach, describe, expect, it } from 'vitest';
import type { TraceStart } from '../worker/protocol';
import {
  answers,
  noteRequest,
  receiveTraceMessage,
  requestKey,
  traces,
  type TraceAsk,
} from './traces';

const req: TraceAsk = {
  type: 'trace',
  channel: 'on',
  slot: 'residual',
  text: 'a b',
  skipStrength: null,
  lesions: [],
};

// Only what the store reads of a start: its id, channel and number of points.
const start = (id: number) => ({ type: 'traceStart', id, channel: 'on', nLayers: 1 }) as TraceStart;

describe('trace freshness', () => {
  beforeEach(() => traces.setState(traces.getInitialState(), true));

  it('a trace carries the key of the request it answers', () => {
    noteRequest('on', 7, requestKey(req));
    receiveTraceMessage(start(7));
    const tr = traces.getState().on;
    expect(answers(tr, req)).toBe(true);
    expect(answers(tr, { ...req, slot: 'init-residual' })).toBe(false);
    expect(answers(tr, { ...req, lesions: [0] })).toBe(false);
    expect(answers(tr, { ...req, skipStrength: 0.5 })).toBe(false);
    expect(answers(tr, { ...req, text: 'a c' })).toBe(false);
    expect(answers(null, req)).toBe(false);
  });

  it('a trace whose request was superseded before it started answers nothing', () => {
    noteRequest('on', 7, requestKey(req));
    noteRequest('on', 8, requestKey({ ...req, lesions: [0] }));
    receiveTraceMessage(start(7));
    expect(traces.getState().on?.key).toBeNull();
    expect(answers(traces.getState().on, req)).toBe(false);
  });

  it('the key does not depend on the order the request was written in', () => {
    const { lesions, text, ...rest } = req;
    expect(requestKey({ lesions, ...rest, text })).toBe(requestKey(req));
  });

  it('an error answering the trace on screen drops it; an error about another request keeps it', () => {
    receiveTraceMessage(start(7));
    receiveTraceMessage({ type: 'error', id: 6, channel: 'on', message: 'old' });
    expect(traces.getState().on?.id).toBe(7);
    receiveTraceMessage({ type: 'error', id: 7, channel: 'on', message: 'overflowed' });
    expect(traces.getState().on).toBeNull();
    expect(traces.getState().errors.on).toBe('overflowed');
  });
});
