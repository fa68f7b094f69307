/**
 * What the highway diagram draws, read from a streamed trace for one word t: the length of the
 * stream at each residual point, of what each sublayer wrote, and of what each skip carried past
 * it. With x_{k+1} = α·x_k + f_k(x_k), the skip around sublayer k carries α·x_k; a removed
 * (lesioned) sublayer passes x_k on whole, whatever α is.
 */
import { sublayerOutput } from '../engine/positions';
import type { StreamTrace } from './streamTrace';
import { rowNorm } from './vectors';

export interface HighwayMeasures {
  /** ‖x_p‖ at each residual point p ∈ [0, 2L]; null until it arrives. */
  stream: (number | null)[];
  /** ‖f_k(x)‖ written by each sublayer k ∈ [0, 2L); null until it arrives. */
  branch: (number | null)[];
  /** ‖what the skip around sublayer k carries‖: α·‖x_k‖, or ‖x_k‖ where k was removed. */
  skip: (number | null)[];
  /** Sublayer k was removed, so the stream bypassed it. */
  lesioned: boolean[];
}

export function highwayMeasures(tr: StreamTrace, t: number): HighwayMeasures {
  const { T, dModel: C, skipStrength } = tr.start;
  const S = tr.points.length - 1;
  const stream = tr.points.map((p) => (p && t < T ? rowNorm(p.stream, t, C) : null));
  const sublayers = Array.from({ length: S }, (_, k) => tr.points[sublayerOutput(k)]);
  const lesioned = sublayers.map((p) => !!p?.lesioned);
  const branch = sublayers.map((p) =>
    p?.contribution && t < T ? rowNorm(p.contribution, t, C) : null,
  );
  const skip = stream.slice(0, S).map((x, k) => {
    if (x === null || !sublayers[k]) return null;
    return lesioned[k] ? x : Math.abs(skipStrength) * x;
  });
  return { stream, branch, skip, lesioned };
}
