import { useSyncExternalStore } from 'react';
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
import { pointCount } from './positions';

/**
 * The high-rate channel: traces stream in point by point, so they live outside the React
 * store. Charts subscribe with useTraces(selector), which redraws at most once per animation frame.
 */
export interface ChannelTrace {
  id: number;
  /** requestKey of the request this trace answers; null if that request was superseded before it started. */
  key: string | null;
  start: TraceStart;
  points: (TracePoint | undefined)[]; // 2L + 1, filled as they arrive
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

/** Folds one worker answer into the trace store; returns false if it was not about traces. */
export function receiveTraceMessage(r: Response): boolean {
  const s = traces.getState();
  switch (r.type) {
    case 'traceStart': {
      const asked = s.requested[r.channel];
      traces.setState({
        [r.channel]: {
          id: r.id,
          key: asked?.id === r.id ? asked.key : null,
          start: r,
          points: new Array(pointCount(r.nLayers)).fill(undefined),
          end: null,
        },
        errors: { ...s.errors, [r.channel]: undefined },
      });
      return true;
    }
    case 'tracePoint': {
      const cur = s[r.channel];
      if (!cur || cur.id !== r.id) return true;
      const points = cur.points.slice();
      points[r.point] = r;
      traces.setState({ [r.channel]: { ...cur, points } });
      return true;
    }
    case 'traceEnd': {
      const cur = s[r.channel];
      if (!cur || cur.id !== r.id) return true;
      traces.setState({ [r.channel]: { ...cur, end: r } });
      return true;
    }
    case 'error':
      if (r.channel) {
        // A trace that fails after it started (its numbers overflowed) is dropped whole: its
        // points so far belong to a pass that cannot be shown.
        const failed = s[r.channel]?.id === r.id;
        traces.setState({
          ...(failed ? { [r.channel]: null } : {}),
          errors: { ...s.errors, [r.channel]: r.message },
        });
        return true;
      }
      return false;
    default:
      return false;
  }
}

/**
 * The trace store as of the last animation frame: however fast points stream in, a chart
 * redraws at most once per frame.
 */
let frameSnapshot = traces.getState();
let frame = 0;
const frameListeners = new Set<() => void>();
const nextFrame: (cb: () => void) => number =
  typeof requestAnimationFrame === 'function'
    ? requestAnimationFrame
    : (cb) => setTimeout(cb, 16) as unknown as number;

traces.subscribe(() => {
  if (frame) return;
  frame = nextFrame(() => {
    frame = 0;
    frameSnapshot = traces.getState();
    for (const l of frameListeners) l();
  });
});

function subscribeFrames(listener: () => void): () => void {
  frameListeners.add(listener);
  return () => frameListeners.delete(listener);
}

/**
 * One field of the trace store as of the last frame, e.g. `useTraces((t) => t.on)`: the component
 * re-renders only when that field changes. The selector must return a part of the state (not a new
 * object or array each call), which React compares by identity; for several fields, call it once each.
 */
export function useTraces<T>(select: (s: TracesState) => T): T {
  return useSyncExternalStore(subscribeFrames, () => select(frameSnapshot));
}

/** True once every point and the end have arrived. */
export const isComplete = (t: ChannelTrace | null): t is ChannelTrace & { end: TraceEnd } =>
  !!t && !!t.end && t.points.every(Boolean);
