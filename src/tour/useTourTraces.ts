import { useShallow } from 'zustand/react/shallow';
import { traceRequests, type TraceInputs } from '../store/bridge';
import { useApp } from '../store/store';
import { answers, type TraceAsk } from '../store/traces';
import { useLabTraces, type LabChannelView } from '../views/lab/useLabTraces';

const traceInputs = (s: TraceInputs): TraceInputs => ({
  text: s.text,
  lesions: s.lesions,
  source: s.source,
  offMode: s.offMode,
  skipStrength: s.skipStrength,
  realModel: s.realModel,
  realModelStatus: s.realModelStatus,
  view: s.view,
});

/**
 * The two traces as the lab shows them, with a trace left out (null) while it still belongs
 * to the previous state: between pressing "try this" and the new trace arriving, the tour's
 * sentences must not quote the old numbers as the new ones.
 */
export function useTourTraces() {
  const lt = useLabTraces();
  const reqs = traceRequests(useApp(useShallow(traceInputs)));
  const fresh = (ch: LabChannelView, req: TraceAsk): LabChannelView =>
    answers(ch.trace, req) ? ch : { ...ch, trace: null };
  return { ...lt, on: fresh(lt.on, reqs.on), off: fresh(lt.off, reqs.off) };
}

export type TourTraces = ReturnType<typeof useTourTraces>;
