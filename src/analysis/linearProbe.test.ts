import { describe, expect, it } from 'vitest';
import { Rng } from '../engine/rng';
import {
  fitLinearProbe,
  fitProbeChoosingRidge,
  majorityAccuracy,
  probeAccuracy,
  RIDGE,
  type ProbeData,
} from './linearProbe';

const D = 16;
const K = 5;

/** n points of K well-separated Gaussian clusters (labels from `label`, or the cluster). */
function clusters(seed: number, n: number, label?: (i: number, rng: Rng) => number): ProbeData {
  const rng = new Rng(seed);
  const centre = new Rng(99); // the same centres for every call
  const centres = Array.from({ length: K }, () =>
    Array.from({ length: D }, () => 4 * centre.normal()),
  );
  const x = new Float64Array(n * D);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % K;
    for (let j = 0; j < D; j++) x[i * D + j] = 100 * (centres[c][j] + 0.5 * rng.normal()) + 7;
    labels[i] = label ? label(i, rng) : c;
  }
  return { x, labels };
}

describe('linear probe', () => {
  it('reads linearly separable classes perfectly on held-out points, at any feature scale', () => {
    const probe = fitLinearProbe(clusters(1, 500), D, K);
    expect(probeAccuracy(probe, clusters(2, 300))).toBe(1);
  });

  it('separates classes whose means lie on a line (regression onto one-hot targets masks them)', () => {
    // 10 classes along the first axis, the second axis noise: each is linearly separable from
    // the rest (a score linear in x peaks at its own class), but least squares onto indicators
    // gives the middle classes scores that never win (ESL §4.2, "masking").
    const classes = 10;
    const points = (seed: number, n: number): ProbeData => {
      const rng = new Rng(seed);
      const x = new Float64Array(2 * n);
      const labels = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        labels[i] = i % classes;
        x[2 * i] = labels[i] + 0.05 * rng.normal();
        x[2 * i + 1] = rng.normal();
      }
      return { x, labels };
    };
    const probe = fitLinearProbe(points(6, 2000), 2, classes);
    expect(probeAccuracy(probe, points(7, 800))).toBeGreaterThan(0.99);
  });

  it('is at chance on random labels: it fits nothing that generalises', () => {
    const random = (_: number, rng: Rng) => Math.floor(rng.next() * K);
    const probe = fitLinearProbe(clusters(3, 2000, random), D, K);
    const acc = probeAccuracy(probe, clusters(4, 2000, random));
    expect(acc).toBeGreaterThan(1 / K - 0.05);
    expect(acc).toBeLessThan(1 / K + 0.05);
  });

  it('chooses a larger λ where the features hold nothing, and so no longer scores below guessing', () => {
    // 40 classes, a third of the rows in class 0, features pure noise: the smallest λ fits 40
    // means to noise and scores below always answering 0; a larger one falls back on the prior.
    const noise = (seed: number, n: number): ProbeData => {
      const rng = new Rng(seed);
      const x = Float64Array.from({ length: n * D }, () => rng.normal());
      const labels = Int32Array.from({ length: n }, () =>
        rng.next() < 1 / 3 ? 0 : Math.floor(rng.next() * 40),
      );
      return { x, labels };
    };
    const fit = noise(8, 300);
    const test = noise(9, 800);
    const guess = majorityAccuracy(fit.labels, test.labels);
    expect(probeAccuracy(fitLinearProbe(fit, D, 40), test)).toBeLessThan(guess - 0.05);
    const chosen = fitProbeChoosingRidge(fit, D, 40);
    expect(chosen.ridge).toBeGreaterThan(RIDGE);
    expect(probeAccuracy(chosen, test)).toBeGreaterThan(guess - 0.05);
  });

  it('chooses λ by k-fold cross-validation, not by one held-out block that is unlike the rest', () => {
    // K clusters, half the rows in class 0, readable in the first 3/4 of the rows; in the last
    // quarter every label is 0, whatever the features (a block of windows of one kind). A λ so
    // large that the probe falls back on the prior (always 0) wins on that quarter alone, and
    // loses on the folds before it.
    const n = 400;
    const rng = new Rng(11);
    const centres = Array.from({ length: K }, () => Array.from({ length: D }, () => rng.normal()));
    const cluster = (i: number) => (i % 8 < K - 1 ? (i % 8) + 1 : 0);
    const x = Float64Array.from({ length: n * D }, (_, j) => {
      const i = Math.floor(j / D);
      return 4 * centres[cluster(i)][j % D] + rng.normal();
    });
    const labels = Int32Array.from({ length: n }, (_, i) => (i < (3 * n) / 4 ? cluster(i) : 0));
    const ridges = [RIDGE, 1e4];
    const rows = (ranges: [number, number][]): ProbeData => ({
      x: ranges.flatMap(([a, b]) => Array.from(x.subarray(a * D, b * D))),
      labels: ranges.flatMap(([a, b]) => Array.from(labels.subarray(a, b))),
    });
    /** The λ with most right answers on `held` rows, fitted on the rest (ties to the smaller). */
    const bruteForce = (splits: [number, number][]) => {
      const right = ridges.map((r) =>
        splits.reduce((sum, [a, b]) => {
          const probe = fitLinearProbe(
            rows([
              [0, a],
              [b, n],
            ]),
            D,
            K,
            r,
          );
          return sum + Math.round((b - a) * probeAccuracy(probe, rows([[a, b]])));
        }, 0),
      );
      return ridges[right.indexOf(Math.max(...right))];
    };
    const fiveFolds = [0, 1, 2, 3, 4].map((f): [number, number] => [
      (f * n) / 5,
      ((f + 1) * n) / 5,
    ]);
    // The one split the choice used to rest on picks the prior; five folds pick the clusters.
    expect(bruteForce([[(3 * n) / 4, n]])).toBe(1e4);
    expect(bruteForce(fiveFolds)).toBe(RIDGE);
    expect(fitProbeChoosingRidge({ x, labels }, D, K, ridges).ridge).toBe(RIDGE);
  });

  it('keeps the smallest λ where the classes are there to be read', () => {
    expect(fitProbeChoosingRidge(clusters(1, 500), D, K).ridge).toBe(RIDGE);
  });

  it('survives a constant feature (a stream that collapsed to a point)', () => {
    const data = clusters(5, 200);
    const x = Float64Array.from(data.x);
    for (let i = 0; i < 200; i++) x[i * D] = 3;
    const probe = fitLinearProbe({ x, labels: data.labels }, D, K);
    expect(probe.invStd[0]).toBe(0);
    expect(probeAccuracy(probe, { x, labels: data.labels })).toBe(1);
  });

  it('majority baseline: the share of the most common training label', () => {
    expect(majorityAccuracy([1, 1, 2], [1, 2, 2, 2])).toBe(0.25);
  });

  it('rejects mismatched shapes and labels out of range', () => {
    expect(() => fitLinearProbe({ x: [1, 2, 3], labels: [0, 1] }, 2, 2)).toThrow(/n·D/);
    expect(() => fitLinearProbe({ x: [1, 2], labels: [3] }, 2, 2)).toThrow(/label 3/);
  });
});
