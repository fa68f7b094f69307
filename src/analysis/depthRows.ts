/**
 * The depth sweep's results as the lab and the tour read them: for each depth, how much of the
 * gradient at the top reaches the embedding, ‖∂L/∂x_0‖ / ‖∂L/∂x_2L‖, with skips and without, at
 * initialisation and after training. (The sweep itself is depthSweep.ts, which runs in the worker.)
 */

/** Below this share of the top's gradient, the bottom of a stack is not learning. */
export const VANISHED = 1e-3;

/** One depth's first-over-last ratios, as the worker reports a run. */
export interface DepthRatios {
  layers: number;
  initFirstOverLast: number;
  trainedFirstOverLast: number;
}

/** The sweep's rows side by side: skips on and off at each depth. */
export interface DepthRow {
  layers: number;
  onInit: number;
  onTrained: number;
  offInit: number;
  offTrained: number;
}

/** Pairs the runs with and without skips depth by depth, dropping a depth either side lacks. */
export function depthRows(on: readonly DepthRatios[], off: readonly DepthRatios[]): DepthRow[] {
  return on.flatMap((r, i) =>
    off[i] && off[i].layers === r.layers
      ? [
          {
            layers: r.layers,
            onInit: r.initFirstOverLast,
            onTrained: r.trainedFirstOverLast,
            offInit: off[i].initFirstOverLast,
            offTrained: off[i].trainedFirstOverLast,
          },
        ]
      : [],
  );
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
}

/** True when a sweep was run with exactly these settings (p is the one on hand, if any). */
export function sameSweep(p: SweepSettings | null, q: SweepSettings): boolean {
  return (
    !!p &&
    p.norm === q.norm &&
    p.trainSteps === q.trainSteps &&
    p.seed === q.seed &&
    p.layers.join() === q.layers.join()
  );
}
