/**
 * The depth sweep's results as the lab and the tour read them: for each depth, how much of the
 * gradient at the top reaches the embedding, ‖∂L/∂x_0‖ / ‖∂L/∂x_2L‖, with skips and without, at
 * initialisation and after training. (The sweep itself is depthSweep.ts, which runs in the worker.)
 */

/** Below this share of the top's gradient, the bottom of a stack is not learning. */
export const VANISHED = 1e-3;

/**
 * Measurement batches per gradient profile, in the lab, the tour and `npm run experiment`, so
 * all three quote the same ratio. The ratio moves with the batches it averages: ‖∂L/∂x_0‖ of
 * one batch can be several times another's (the embedding is short, and the first LayerNorm
 * divides by its length). At 16 pre-LN layers without skips, Xavier's init, seed 1, it is
 * 44 over 1 batch, 23 over 2, 7.6 over 4, 11 over 8 and 9.6 over 16 (seeds 2 and 3 over 4: 70
 * and 43): always "no vanishing", never a precise figure. GPT-2's init gives 4e-7 there.
 */
export const SWEEP_BATCHES = 2;

/** One depth's first-over-last ratios, as the worker reports a run, and the init it started from. */
export interface DepthRatios {
  layers: number;
  init: string;
  initFirstOverLast: number;
  trainedFirstOverLast: number;
}

/**
 * A sweep runs each depth from the network's own init first and, with `compareInit`, again from
 * the other scheme: the runs of the first run's init are the network's own.
 */
export function ownRuns<R extends DepthRatios>(runs: readonly R[]): R[] {
  return runs.filter((r) => r.init === runs[0]?.init);
}

/** The runs from the compared init (none without `compareInit`, or when it is the network's own). */
export function comparedRuns<R extends DepthRatios>(runs: readonly R[]): R[] {
  return runs.filter((r) => r.init !== runs[0]?.init);
}

/** The sweep's rows side by side: skips on and off at each depth, each from its own init. */
export interface DepthRow {
  layers: number;
  onScheme: string;
  onInit: number;
  onTrained: number;
  offScheme: string;
  offInit: number;
  offTrained: number;
}

/** Pairs the runs with and without skips depth by depth, dropping a depth either side lacks. */
export function depthRows(on: readonly DepthRatios[], off: readonly DepthRatios[]): DepthRow[] {
  const offOwn = ownRuns(off);
  return ownRuns(on).flatMap((r) => {
    const o = offOwn.find((x) => x.layers === r.layers);
    return o
      ? [
          {
            layers: r.layers,
            onScheme: r.init,
            onInit: r.initFirstOverLast,
            onTrained: r.trainedFirstOverLast,
            offScheme: o.init,
            offInit: o.initFirstOverLast,
            offTrained: o.trainedFirstOverLast,
          },
        ]
      : [];
  });
}

/**
 * At one depth, how many orders of magnitude of the gradient ratio at initialisation each
 * cause accounts for: `init`, the network without skips from its own init over the same network
 * from the compared one; `skips`, the network with skips over the one without (own inits).
 * Null when the sweep did not run the compared init at that depth.
 */
export function gapParts(
  row: DepthRow,
  off: readonly DepthRatios[],
): { scheme: string; comparedInit: number; init: number; skips: number } | null {
  const c = comparedRuns(off).find((r) => r.layers === row.layers);
  if (!c) return null;
  return {
    scheme: c.init,
    comparedInit: c.initFirstOverLast,
    init: Math.log10(row.offInit / c.initFirstOverLast),
    skips: Math.log10(row.onInit / row.offInit),
  };
}

/** The sweep's row at a given depth (our model's), or its shallowest row. */
export function rowAtDepth(rows: readonly DepthRow[], layers: number): DepthRow | undefined {
  return rows.find((r) => r.layers === layers) ?? rows[0];
}

/** The settings that make two sweeps the same experiment. */
export interface SweepSettings {
  layers: readonly number[];
  norm: string;
  trainSteps: number;
  seed: number;
  init?: string;
  compareInit?: string;
}

/** True when a sweep was run with exactly these settings (p is the one on hand, if any). */
export function sameSweep(p: SweepSettings | null, q: SweepSettings): boolean {
  return (
    !!p &&
    p.norm === q.norm &&
    p.trainSteps === q.trainSteps &&
    p.seed === q.seed &&
    p.init === q.init &&
    p.compareInit === q.compareInit &&
    p.layers.join() === q.layers.join()
  );
}
