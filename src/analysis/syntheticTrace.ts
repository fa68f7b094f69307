import type { Trace } from '../engine/trace';
import type { StreamPoint, StreamTrace } from './streamTrace';

/**
 * A Trace made from chosen numbers rather than a model: the stream starts at x0 and each
 * sublayer adds its contribution, x_{k+1} = x_k + f_k (α = 1, no LayerNorm). Measures can be
 * checked on it against answers worked out by hand.
 */
export function syntheticTrace(
  T: number,
  C: number,
  contributions: readonly ArrayLike<number>[],
  x0: ArrayLike<number> = new Float32Array(T * C).fill(1),
): Trace {
  if (contributions.length % 2 !== 0) {
    throw new Error(`need an even number of sublayers (2 per layer), got ${contributions.length}`);
  }
  for (const v of [x0, ...contributions]) {
    if (v.length !== T * C) throw new Error(`every vector set must be (T, C) = ${T * C} values`);
  }
  const stream = [Float32Array.from(x0)];
  for (const f of contributions) {
    const prev = stream[stream.length - 1];
    stream.push(prev.map((v, i) => v + f[i]));
  }
  return {
    T,
    dModel: C,
    nLayers: contributions.length / 2,
    nHeads: 1,
    vocabSize: 1,
    tokens: new Int32Array(T),
    stream,
    contribution: contributions.map((f) => Float32Array.from(f)),
    lesioned: contributions.map((f) => Array.from(f).every((v) => v === 0)),
    attention: [],
    logits: new Float32Array(T),
    loss: NaN,
    streamGrad: null,
  };
}

/**
 * The streamed form the explorer reads, from chosen numbers: x_{k+1} = α·x_k + f_k, or x_k
 * unchanged where sublayer k is removed (`lesioned[k]`).
 */
export function syntheticStreamTrace(
  T: number,
  C: number,
  contributions: readonly ArrayLike<number>[],
  x0: ArrayLike<number>,
  alpha = 1,
  lesioned: readonly boolean[] = [],
): StreamTrace {
  let x = Float32Array.from(x0);
  const points: StreamPoint[] = [{ stream: x, contribution: null, lesioned: false }];
  contributions.forEach((f, k) => {
    const prev = x;
    x = lesioned[k] ? prev.slice() : prev.map((v, i) => alpha * v + f[i]);
    points.push({ stream: x, contribution: Float32Array.from(f), lesioned: !!lesioned[k] });
  });
  return { start: { T, dModel: C, skipStrength: alpha }, points };
}
