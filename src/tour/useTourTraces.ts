import { useShallow } from 'zustand/react/shallow';
import { traceRequests, type TraceInputs } from '../store/bridge';
import { useApp } from '../store/store';
import type { ChannelTrace } from '../store/traces';
import { useLabTraces, type LabChannelView } from '../views/lab/useLabTraces';
import type { TraceRequest } from '../worker/protocol';

/** True when a trace answers the request the store makes now (not one from a moment ago). */
export function answers(tr: ChannelTrace | null, req: Omit<TraceRequest, 'id'>): boolean {
  if (!tr || tr.start.slot !== req.slot) return false;
  if (req.skipStrength !== null && tr.start.skipStrength !== req.skipStrength) return false;
  // Point k is the stream after sublayer k − 1, so a lesioned point names a removed sublayer.
  const removed = tr.points.flatMap((p, k) => (p?.lesioned ? [k - 1] : []));
  return removed.join() === req.lesions.join();
}

const traceInputs = (s: TraceInputs): TraceInputs => ({
  text: s.text,
  lesions: s.lesions,
  source: s.source,
  offMode: s.offMode,
  alpha: s.alpha,
});

/**
 * The two traces as the lab shows them, with a trace left out (null) while it still belongs
 * to the previous state: between pressing "try this" and the new trace arriving, the tour's
 * sentences must not quote the old numbers as the new ones.
 */
export function useTourTraces() {
  const lt = useLabTraces();
  const reqs = traceRequests(useApp(useShallow(traceInputs)));
  const fresh = (ch: LabChannelView, req: Omit<TraceRequest, 'id'>): LabChannelView =>
    answers(ch.trace, req) ? ch : { ...ch, trace: null };
  return { ...lt, on: fresh(lt.on, reqs.on), off: fresh(lt.off, reqs.off) };
}

export type TourTraces = ReturnType<typeof useTourTraces>;
