/**
 * A bounded record of a training curve. When it fills up, neighbouring points are merged in
 * pairs (their mean, at the later step), so a run of any length keeps at most `capacity`
 * points, evenly spread, and memory stays flat.
 */
export interface CurvePoint {
  step: number;
  value: number;
}

export function appendBounded(
  curve: CurvePoint[],
  points: CurvePoint[],
  capacity: number,
): CurvePoint[] {
  let out = curve.concat(points);
  while (out.length > capacity) {
    const merged: CurvePoint[] = [];
    for (let i = 0; i + 1 < out.length; i += 2) {
      merged.push({ step: out[i + 1].step, value: (out[i].value + out[i + 1].value) / 2 });
    }
    if (out.length % 2 === 1) merged.push(out[out.length - 1]);
    out = merged;
  }
  return out;
}
