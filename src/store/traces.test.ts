import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TraceEnd, TracePoint, TraceStart } from '../worker/protocol';
import {
  answers,
  isComplete,
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
const point = (id: number, k: number) =>
  ({ type: 'tracePoint', id, channel: 'on', point: k }) as TracePoint;
const end = (id: number) => ({ type: 'traceEnd', id, channel: 'on' }) as TraceEnd;

/**
 * Starts and points wait for the next frame interval: let the hand-over run (frameBatch.ts
 * times it; its own tests check the interval).
 */
const nextFrame = () => vi.advanceTimersToNextTimer();

beforeEach(() => {
  vi.useFakeTimers();
  traces.setState(traces.getInitialState(), true);
});
afterEach(() => {
  // Nothing left waiting spills into the next test.
  vi.runAllTimers();
  vi.useRealTimers();
});

describe('trace freshness', () => {
  it('a trace carries the key of the request it answers', () => {
    noteRequest('on', 7, requestKey(req));
    receiveTraceMessage(start(7));
    nextFrame();
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
    nextFrame();
    expect(traces.getState().on?.key).toBeNull();
    expect(answers(traces.getState().on, req)).toBe(false);
  });

  it('a trace stopped after its points (superseded) stays incomplete until the newer one replaces it', () => {
    noteRequest('on', 7, requestKey(req));
    receiveTraceMessage(start(7));
    [0, 1, 2].forEach((k) => receiveTraceMessage(point(7, k)));
    noteRequest('on', 8, requestKey({ ...req, text: 'a c' }));
    nextFrame();
    // The worker sends nothing more for 7: no end, no error.
    const stopped = traces.getState().on;
    expect(stopped?.points.every(Boolean)).toBe(true);
    expect(isComplete(stopped)).toBe(false);
    receiveTraceMessage(start(8));
    [0, 1, 2].forEach((k) => receiveTraceMessage(point(8, k)));
    receiveTraceMessage(end(8));
    expect(isComplete(traces.getState().on)).toBe(true);
    expect(answers(traces.getState().on, { ...req, text: 'a c' })).toBe(true);
    expect(traces.getState().errors.on).toBeUndefined();
  });

  it('the key does not depend on the order the request was written in', () => {
    const { lesions, text, ...rest } = req;
    expect(requestKey({ lesions, ...rest, text })).toBe(requestKey(req));
  });

  it('an error answering the trace on screen drops it; an error about another request keeps it', () => {
    receiveTraceMessage(start(7));
    nextFrame();
    receiveTraceMessage({ type: 'error', id: 6, channel: 'on', message: 'old' });
    expect(traces.getState().on?.id).toBe(7);
    receiveTraceMessage({ type: 'error', id: 7, channel: 'on', message: 'overflowed' });
    expect(traces.getState().on).toBeNull();
    expect(traces.getState().errors.on).toBe('overflowed');
  });
});

describe('trace messages are applied once per frame interval', () => {
  /** How many times the store tells its subscribers (each is a React commit of every panel). */
  let unsubscribe = () => {};
  afterEach(() => unsubscribe());
  function countUpdates(): () => number {
    let n = 0;
    unsubscribe = traces.subscribe(() => n++);
    return () => n;
  }

  it('a start and points arriving within one frame are one update, in order', () => {
    const updates = countUpdates();
    receiveTraceMessage(start(7));
    receiveTraceMessage(point(7, 0));
    receiveTraceMessage(point(7, 2));
    receiveTraceMessage(point(7, 1));
    expect(updates()).toBe(0);
    expect(traces.getState().on).toBeNull();
    nextFrame();
    expect(updates()).toBe(1);
    expect(traces.getState().on?.points.map((p) => p?.point)).toEqual([0, 1, 2]);
  });

  it('a point after the frame is another update', () => {
    const updates = countUpdates();
    receiveTraceMessage(start(7));
    receiveTraceMessage(point(7, 0));
    nextFrame();
    receiveTraceMessage(point(7, 1));
    expect(traces.getState().on?.points[1]).toBeUndefined();
    nextFrame();
    expect(updates()).toBe(2);
    expect(traces.getState().on?.points[1]?.point).toBe(1);
  });

  it('the end is applied at once, with the points before it, in one update', () => {
    const updates = countUpdates();
    receiveTraceMessage(start(7));
    receiveTraceMessage(point(7, 0));
    receiveTraceMessage(point(7, 1));
    receiveTraceMessage(point(7, 2));
    receiveTraceMessage(end(7));
    expect(updates()).toBe(1);
    expect(isComplete(traces.getState().on)).toBe(true);
  });

  it("an error is applied at once, and drops its trace's points that waited", () => {
    receiveTraceMessage(start(7));
    nextFrame();
    receiveTraceMessage(point(7, 0));
    receiveTraceMessage({ type: 'error', id: 7, channel: 'on', message: 'overflowed' });
    expect(traces.getState().on).toBeNull();
    expect(traces.getState().errors.on).toBe('overflowed');
    nextFrame();
    expect(traces.getState().on).toBeNull();
  });

  it("a newer trace's start replaces the older one's points that waited with it", () => {
    receiveTraceMessage(start(7));
    receiveTraceMessage(point(7, 0));
    receiveTraceMessage(start(8));
    receiveTraceMessage(point(7, 1));
    receiveTraceMessage(point(8, 2));
    nextFrame();
    const on = traces.getState().on;
    expect(on?.id).toBe(8);
    expect(on?.points.map((p) => p?.point ?? null)).toEqual([null, null, 2]);
  });
});
