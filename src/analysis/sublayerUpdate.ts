/**
 * What sublayer k did to word t, read from a streamed trace: the stream before (x), the change
 * it wrote (f(x)) and the stream after (y). With a skip, y = x + f(x); without one, y = f(x); the
 * two relative distances below say which of the two happened.
 */
import type { StreamTrace } from './streamTrace';
import { norm, rowCosine, rowNorm } from './vectors';

export interface UpdateMeasure {
  before: number; // ‖x‖
  change: number; // ‖f(x)‖
  after: number; // ‖y‖
  cosChangeBefore: number; // cos(f(x), x)
  cosAfterBefore: number; // cos(y, x)
  /** ‖y − f(x)‖ / ‖y‖: 0 when the sublayer's output replaced the stream. */
  afterMinusChange: number;
  /** ‖y − x − f(x)‖ / ‖y‖: 0 when the output was added to the stream. */
  afterMinusSum: number;
}

export function updateAt(tr: StreamTrace, sublayer: number, t: number): UpdateMeasure | null {
  const C = tr.start.dModel;
  const x = tr.points[sublayer]?.stream;
  const p = tr.points[sublayer + 1];
  const f = p?.contribution;
  if (!x || !p || !f || t >= tr.start.T) return null;
  const y = p.stream;
  const o = t * C;
  const yMinusF = Float64Array.from({ length: C }, (_, c) => y[o + c] - f[o + c]);
  const yMinusXF = Float64Array.from({ length: C }, (_, c) => y[o + c] - x[o + c] - f[o + c]);
  const after = rowNorm(y, t, C);
  const scale = after || 1;
  return {
    before: rowNorm(x, t, C),
    change: rowNorm(f, t, C),
    after,
    cosChangeBefore: rowCosine(f, x, t, C),
    cosAfterBefore: rowCosine(y, x, t, C),
    afterMinusChange: norm(yMinusF, 0, C) / scale,
    afterMinusSum: norm(yMinusXF, 0, C) / scale,
  };
}
