import { createStore } from 'zustand/vanilla';
import type {
  LensAt,
  Response,
  TraceChannel,
  TraceEnd,
  TracePoint,
  TraceRequest,
  TraceStart,
} from '../worker/protocol';
import { createFrameBatch } from './frameBatch';
import { useTransitionStore } from './transitionStore';
import { pointCount } from './positions';

/**
 * The high-rate channel: traces stream in point by point, so they live outside the React
 * store. Charts subscribe with useTraces(selector); the points are applied at most once per frame
 * interval (receiveTraceMessage).
 */
export interface ChannelTrace {
  id: number;
  /** requestKey of the request this trace answers; null if that request was superseded before it started. */
  key: string | null;
  start: TraceStart;
  points: (TracePoint | undefined)[]; // 2L + 1, filled as they arrive
  /**
   * Null until it arrives. A trace superseded while it ran stops without one (protocol.ts): it
   * stays incomplete, its points drawn, until the newer request's start replaces it.
   */
  end: TraceEnd | null;
  /**
   * The lens of the positions asked for, when the trace left it out (TraceEnd.lensOnRequest),
   * by position (store/positionLens.ts); why it could not be had, if it could not.
   */
  lensAt?: Readonly<Record<number, LensAt>>;
  lensError?: string;
}

/** One trace per channel: the small models' (or, outside the tour, GPT-2's) on/off, and the tour's GPT-2 pair. */
export interface TracesState extends Record<TraceChannel, ChannelTrace | null> {
  /** The last error per channel, cleared by the next good start. */
  errors: Partial<Record<TraceChannel, string>>;
  /** The last request sent on each channel, by worker id and requestKey. */
  requested: Record<TraceChannel, { id: number; key: string } | null>;
}

export const traces = createStore<TracesState>()(() => ({
  on: null,
  off: null,
  tourRealOn: null,
  tourRealOff: null,
  errors: {},
  requested: { on: null, off: null, tourRealOn: null, tourRealOff: null },
}));

/** A trace request as the store makes it; the client adds the id. */
export type TraceAsk = Omit<TraceRequest, 'id'>;

/** Two requests with the same key ask for the same trace. */
export const requestKey = (req: TraceAsk): string =>
  JSON.stringify([req.channel, req.slot, req.text, req.skipStrength, req.lesions]);

/** Notes a request just sent, so its trace can say which request it answers. */
export function noteRequest(channel: TraceChannel, id: number, key: string): void {
  traces.setState((s) => ({ requested: { ...s.requested, [channel]: { id, key } } }));
}

/** True when a trace answers this request (not one from a moment ago). */
export const answers = (tr: ChannelTrace | null, req: TraceAsk): boolean =>
  !!tr && tr.key === requestKey(req);

type TraceMessage = Extract<Response, { type: 'traceStart' | 'tracePoint' | 'traceEnd' }>;

/** What one worker answer does to the trace store (the store's state before it, after it). */
function applyTraceMessage(s: TracesState, r: TraceMessage | ChannelError): TracesState {
  switch (r.type) {
    case 'traceStart': {
      const asked = s.requested[r.channel];
      return {
        ...s,
        [r.channel]: {
          id: r.id,
          key: asked?.id === r.id ? asked.key : null,
          start: r,
          points: new Array(pointCount(r.nLayers)).fill(undefined),
          end: null,
        },
        errors: { ...s.errors, [r.channel]: undefined },
      };
    }
    case 'tracePoint': {
      const cur = s[r.channel];
      if (!cur || cur.id !== r.id) return s;
      const points = cur.points.slice();
      points[r.point] = r;
      return { ...s, [r.channel]: { ...cur, points } };
    }
    case 'traceEnd': {
      const cur = s[r.channel];
      if (!cur || cur.id !== r.id) return s;
      return { ...s, [r.channel]: { ...cur, end: r } };
    }
    case 'error': {
      // A trace that fails after it started (its numbers overflowed) is dropped whole: its
      // points so far belong to a pass that cannot be shown.
      const failed = s[r.channel]?.id === r.id;
      return {
        ...s,
        ...(failed ? { [r.channel]: null } : {}),
        errors: { ...s.errors, [r.channel]: r.message },
      };
    }
  }
}

type ChannelError = Extract<Response, { type: 'error' }> & { channel: TraceChannel };

/**
 * Trace messages waiting to be applied, all at once, at most once per frame interval
 * (frameBatch.ts). GPT-2's 25 points of 768 numbers arrive a few milliseconds apart, and
 * every store update re-rendered every panel: one update per frame keeps each commit short.
 */
const pending = createFrameBatch<TraceMessage | ChannelError>((batch) =>
  traces.setState(batch.reduce(applyTraceMessage, traces.getState()), true),
);

/**
 * Folds one worker answer into the trace store, in the order they came; returns false if it
 * was not about traces. Starts and points wait for the next frame interval; a trace's end and
 * an error are applied at once, with everything before them, so "done" and a failure are never
 * late and no points of a trace are applied after its error.
 */
export function receiveTraceMessage(r: Response): boolean {
  switch (r.type) {
    case 'traceStart':
    case 'tracePoint':
      pending.push(r);
      return true;
    case 'traceEnd':
      pending.push(r);
      pending.flush();
      return true;
    case 'error':
      if (!r.channel) return false;
      pending.push({ ...r, channel: r.channel });
      pending.flush();
      return true;
    default:
      return false;
  }
}

/**
 * One field of the trace store, e.g. `useTraces((t) => t.on)`: the component re-renders only
 * when that field changes, and as a transition (transitionStore.ts), so a trace arriving never
 * blocks the page for the length of every panel's render. The selector must return a part of
 * the state (not a new object or array each call), which is compared by identity; for several
 * fields, call it once each. It must depend on nothing but the store: a change it did not pick
 * when it was written is not handed over, so read both fields and choose in the render.
 */
export function useTraces<T>(select: (s: TracesState) => T): T {
  return useTransitionStore(traces, select);
}

/** True once every point and the end have arrived. */
export const isComplete = (t: ChannelTrace | null): t is ChannelTrace & { end: TraceEnd } =>
  !!t && !!t.end && t.points.every(Boolean);
