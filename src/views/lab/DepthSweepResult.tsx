import type { DepthSweepParams } from '../../store/labSlice';
import type { Channel, DepthRunResult } from '../../worker/protocol';
import { ChartFrame, SeriesLegend } from '../chart/ChartFrame';
import { DepthRatioChart, depthRatioSeries } from './DepthRatioChart';
import { num } from '../format';
import { initName, SWEEP_CHANNEL_NAMES as CH_NAME } from './names';
import { comparedRuns, depthRows, ownRuns } from '../../analysis/depthRows';
import { gapSentence } from './depthGap';
import './lab.css';

const NORM_NAME: Record<DepthSweepParams['norm'], string> = {
  pre: 'pre-LN',
  post: 'post-LN',
  none: 'no LayerNorm',
};

/** What to look for with each norm placement: questions the sweep answers, not its answers. */
const EXPECT: Record<DepthSweepParams['norm'], string> = {
  none:
    'With no LayerNorm nothing rescales the stream or its gradient: compare how fast the ratio ' +
    'without skips falls with depth against the one with skips, and (with “compare”) how much of ' +
    'that the init accounts for.',
  pre:
    'With pre-LN each sublayer reads a renormalised stream: see whether the plain stack loses its ' +
    'gradient at initialisation, only with depth, or only once it has trained a few steps.',
  post:
    'With post-LN a LayerNorm sits on the stream after every addition, so the skip path is no ' +
    'longer a clean identity: see whether skips still protect the first layer at depth.',
};

/** What the deepest run of a sweep shows, in words. */
function sweepVerdict(on: DepthRunResult, off: DepthRunResult, steps: number): string {
  const a = on.trainedFirstOverLast;
  const b = off.trainedFirstOverLast;
  const when = steps > 0 ? `after ${steps} steps` : 'at initialisation';
  const gap = a / b;
  const compare =
    b === 0
      ? 'without skips it underflows to zero (below 1e-45).'
      : gap > 10
        ? `about ${Math.round(Math.log10(gap))} orders of magnitude less without skips.`
        : gap < 0.1
          ? 'here the model without skips gets more of it.'
          : 'within a factor of ten of each other.';
  const withSkips =
    a < 1e-3
      ? ' Even with skips the first layer gets almost nothing here: the skip path alone does not keep the gradient flowing.'
      : a > 3
        ? ' With skips the ratio is above 1, partly a matter of scale: the stream grows along the way, and a LayerNorm divides the gradient it passes back by the norm of the stream it reads, so the large late stream gets less.'
        : '';
  return `At ${on.layers} layers ${when} the embedding gets ${num(a)} of the last point’s gradient with skips and ${num(b)} without: ${compare}${withSkips}`;
}

function depthSummary(
  params: DepthSweepParams,
  on: DepthRunResult[],
  off: DepthRunResult[],
): string {
  const rows = depthRows(on, off).map(
    (r) =>
      `${r.layers} layers: skips on ${num(r.onInit)} at initialisation, ${num(r.onTrained)} after training; skips off ${num(r.offInit)} and ${num(r.offTrained)}`,
  );
  const compared = [...comparedRuns(on), ...comparedRuns(off)].map(
    (r) =>
      `${r.layers} layers, ${on.includes(r) ? 'skips on' : 'skips off'} from ${initName(r.init)} init: ${num(r.initFirstOverLast)} and ${num(r.trainedFirstOverLast)}`,
  );
  return `First-over-last gradient ratio (${NORM_NAME[params.norm]}, ${params.trainSteps} training steps; ${initsUsed(on, off)}). ${[...rows, ...compared].join('; ')}.`;
}

/** Which init each side started from: "skips on from GPT-2’s init, skips off from Xavier’s". */
function initsUsed(on: DepthRunResult[], off: DepthRunResult[]): string {
  const side = (ch: Channel, runs: DepthRunResult[]) =>
    runs.length ? `${CH_NAME[ch]} from ${initName(runs[0].init)} init` : '';
  const compared = comparedRuns(off);
  return [
    side('on', on),
    side('off', off),
    ...(compared.length ? [`compared with ${initName(compared[0].init)}`] : []),
  ]
    .filter(Boolean)
    .join(', ');
}

/** The finished sweep: the chart, every number in a table, and what it means. */
export function DepthResult({
  params,
  on,
  off,
}: {
  params: DepthSweepParams;
  on: DepthRunResult[];
  off: DepthRunResult[];
}) {
  const series = depthRatioSeries(on, off, params.trainSteps);
  const rows = depthRows(on, off);
  const ownOn = ownRuns(on);
  const ownOff = ownRuns(off);
  const deepOn = ownOn[ownOn.length - 1];
  const deepOff = ownOff[ownOff.length - 1];
  const gap = rows.length ? gapSentence(rows[rows.length - 1], off) : null;
  const otherOff = comparedRuns(off);
  const otherScheme = otherOff[0]?.init;
  const hasZero = [...on, ...off].some(
    (r) => r.initFirstOverLast === 0 || r.trainedFirstOverLast === 0,
  );
  const diverged = [
    ...on.map((r) => ['on', r] as const),
    ...off.map((r) => ['off', r] as const),
  ].filter(([, r]) => r.diverged);
  return (
    <>
      <ChartFrame
        id="depth"
        title={`First-over-last gradient ratio by depth (${NORM_NAME[params.norm]}, ${params.trainSteps} training steps)`}
        summary={depthSummary(params, on, off)}
        legend={<SeriesLegend series={series} />}
        caption={
          <>
            1 means the embedding gets as much gradient as the last point; 10⁻⁶ a millionth of it.
            The table below lists every number
            {hasZero
              ? ' (a 0 there is a gradient too small for the computer’s numbers; the log scale cannot draw it).'
              : '.'}
          </>
        }
      >
        <DepthRatioChart series={series} layers={rows.map((r) => r.layers)} testId="depth-chart" />
      </ChartFrame>
      <div className="lab-table-wrap">
        <table className="lab-table" data-testid="depth-table">
          <caption className="visually-hidden">First over last gradient ratio by depth</caption>
          <thead>
            <tr>
              <th scope="col">layers</th>
              <th scope="col" className="on-text">
                on ({initName(deepOn?.init ?? '')}), init
              </th>
              <th scope="col" className="on-text">
                on, {params.trainSteps} steps
              </th>
              <th scope="col" className="off-text">
                off ({initName(deepOff?.init ?? '')}), init
              </th>
              <th scope="col" className="off-text">
                off, {params.trainSteps} steps
              </th>
              {otherScheme && (
                <>
                  <th scope="col">off ({initName(otherScheme)}), init</th>
                  <th scope="col">
                    off ({initName(otherScheme)}), {params.trainSteps} steps
                  </th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const other = otherOff.find((o) => o.layers === r.layers);
              return (
                <tr key={r.layers}>
                  <th scope="row">{r.layers}</th>
                  <RatioCell id={`on-init-${r.layers}`} v={r.onInit} />
                  <RatioCell id={`on-trained-${r.layers}`} v={r.onTrained} />
                  <RatioCell id={`off-init-${r.layers}`} v={r.offInit} />
                  <RatioCell id={`off-trained-${r.layers}`} v={r.offTrained} />
                  {otherScheme && (
                    <>
                      <RatioCell
                        id={`off-${otherScheme}-init-${r.layers}`}
                        v={other?.initFirstOverLast}
                      />
                      <RatioCell
                        id={`off-${otherScheme}-trained-${r.layers}`}
                        v={other?.trainedFirstOverLast}
                      />
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="lab-explain" data-testid="depth-explain">
        <strong>What to look for.</strong> {EXPECT[params.norm]}{' '}
        {deepOn && deepOff && (
          <>
            <strong>What your sweep shows:</strong>{' '}
            {sweepVerdict(deepOn, deepOff, params.trainSteps)}
          </>
        )}{' '}
        {gap && <span data-testid="depth-gap">{gap}</span>}
      </p>
      {diverged.length > 0 && (
        <p className="inline-error">
          Some runs diverged (the ratio shown is from the step before):{' '}
          {diverged
            .map(([ch, r]) => `${CH_NAME[ch]} at ${r.layers} layers: ${r.diverged}`)
            .join('; ')}
          .
        </p>
      )}
    </>
  );
}

/** One ratio; `id` is its channel, init (if compared), when and depth, for the tests. */
function RatioCell({ id, v }: { id: string; v: number | undefined }) {
  return (
    <td data-testid={`depth-ratio-${id}`} data-value={v}>
      {v === 0 ? '0 (underflow)' : num(v)}
    </td>
  );
}
