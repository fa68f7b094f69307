/**
 * Whether two sets of strips show the same numbers, so VectorStrips can keep its cells, scale
 * and canvas. Panels hand it fresh subarrays of the trace at every render (every arriving point
 * re-renders them); a view onto the same bytes is the same vector, as a trace's arrays are never
 * written after they arrive.
 */
export function sameStrips(
  a: readonly { label: string; values: ArrayLike<number> }[],
  b: readonly { label: string; values: ArrayLike<number> }[],
): boolean {
  return (
    a.length === b.length &&
    a.every((s, i) => s.label === b[i].label && sameView(s.values, b[i].values))
  );
}

function sameView(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a === b) return true;
  return (
    ArrayBuffer.isView(a) &&
    ArrayBuffer.isView(b) &&
    a.buffer === b.buffer &&
    a.byteOffset === b.byteOffset &&
    a.byteLength === b.byteLength &&
    a.constructor === b.constructor
  );
}
