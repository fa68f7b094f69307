import { pointWriter } from '../engine/positions';
import { traceRequests } from '../store/bridge';
import { useApp } from '../store/store';
import type { ChannelTrace } from '../store/traces';
import { useLabTraces, type LabChannelView } from '../views/lab/useLabTraces';
import type { TraceRequest } from '../worker/protocol';

/** True when a trace answers the request the store makes now (not one from a moment ago). */
export function answers(tr: ChannelTrace | null, req: Omit<TraceRequest, 'id'>): boolean {
  if (!tr || tr.start.slot !== req.slot) return false;
  if (req.skipStrength !== null && tr.start.skipStrength !== req.skipStrength) return false;
  // A lesioned point names the removed sublayer that wrote it.
  const removed = tr.points.flatMap((p, k) => (p?.lesioned ? [pointWriter(k)] : []));
  return removed.join() === req.lesions.join();
}

/**
 * The two traces as the lab shows them, with a trace left out (null) while it still belongs
 * to the previous state: between pressing "try this" and the new trace arriving, the tour's
 * sentences must not quote the old numbers as the new ones.
 */
export function useTourTraces() {
  const lt = useLabTraces();
  const reqs = traceRequests(useApp());
  const fresh = (ch: LabChannelView, req: Omit<TraceRequest, 'id'>): LabChannelView =>
    answers(ch.trace, req) ? ch : { ...ch, trace: null };
  return { ...lt, on: fresh(lt.on, reqs.on), off: fresh(lt.off, reqs.off) };
}

export type TourTraces = ReturnType<typeof useTourTraces>;
