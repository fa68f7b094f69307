import type { Trace } from '../engine/trace';

/** One trace or several of the same model and length; measures pool or average over them. */
export type Traces = Trace | readonly Trace[];

/** The traces as a non-empty list of one shape (same T, C and depth), or a clear error. */
export function traceList(traces: Traces): readonly Trace[] {
  const list = Array.isArray(traces) ? (traces as readonly Trace[]) : [traces as Trace];
  if (list.length === 0) throw new Error('need at least one trace');
  const [first] = list;
  for (const tr of list) {
    if (tr.T !== first.T || tr.dModel !== first.dModel || tr.nLayers !== first.nLayers) {
      throw new Error(
        `traces must share one shape: got T=${tr.T}, C=${tr.dModel}, L=${tr.nLayers}` +
          ` after T=${first.T}, C=${first.dModel}, L=${first.nLayers}`,
      );
    }
  }
  return list;
}
