/**
 * What the explorer's and the tour's measures read from a trace as the worker streams it: the
 * residual stream x_k at each point k, and f_{k−1}(x), what the sublayer before it wrote. The
 * worker's messages and the store's ChannelTrace have these fields; analysis sits below both, so
 * it names only the fields it reads and their types fit this shape as they are.
 */
import { rowNorm, type Vec } from './vectors';

export interface StreamPoint {
  stream: Vec; // (T, C)
  contribution: Vec | null; // (T, C); null at the embedding
  /** The sublayer before this point was removed, so the stream passed it unchanged. */
  lesioned: boolean;
}

export interface StreamTrace {
  start: { T: number; dModel: number; skipStrength: number };
  /** 2L + 1 points, undefined until they arrive. */
  points: readonly (StreamPoint | undefined)[];
}

/** ‖x_k‖ of word t at every residual point k (null where a point has not arrived). */
export function normPath(tr: StreamTrace, t: number): (number | null)[] {
  return tr.points.map((p) => (p && t < tr.start.T ? rowNorm(p.stream, t, tr.start.dModel) : null));
}
