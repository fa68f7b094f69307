import type { DepthSweepParams } from '../../store/labSlice';
import type { Channel, DepthRunResult } from '../../worker/protocol';
import { ChartFrame, SeriesLegend } from '../chart/ChartFrame';
import { DepthRatioChart, depthRatioSeries } from './DepthRatioChart';
import { num } from '../format';
import { SWEEP_CHANNEL_NAMES as CH_NAME } from './names';
import './lab.css';

const NORM_NAME: Record<DepthSweepParams['norm'], string> = {
  pre: 'pre-LN',
  post: 'post-LN',
  none: 'no LayerNorm',
};

/** What our own measurements showed for each norm placement: what to look for, in words. */
const EXPECT: Record<DepthSweepParams['norm'], string> = {
  none:
    'With no LayerNorm the plain stack’s gradient vanishes at once: already at initialisation the ' +
    'embedding gets a vanishing fraction of the last point’s gradient (on our engine about 1e-19 ' +
    'at 4 layers), while with skips the ratio stays near 1.',
  pre:
    'With pre-LN the plain stack does not vanish at initialisation in shallow stacks (about 0.2 at ' +
    '2–4 layers on our engine) but does at depth (about 5e-7 at 16 layers), and it collapses within ' +
    'tens of training steps (4 layers: 0.13 at initialisation, 4e-6 after 20 steps). With skips it ' +
    'does not vanish.',
  post:
    'With post-LN a LayerNorm sits on the stream after every addition, so the skip path is no ' +
    'longer a clean identity: after training, skips do not protect the first layer at depth (on our ' +
    'engine about 6e-6 after training at 16 layers, with skips).',
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
  const rows = on.map((r, i) => {
    const o = off[i];
    return `${r.layers} layers: skips on ${num(r.initFirstOverLast)} at initialisation, ${num(r.trainedFirstOverLast)} after training; skips off ${num(o?.initFirstOverLast)} and ${num(o?.trainedFirstOverLast)}`;
  });
  return `First-over-last gradient ratio (${NORM_NAME[params.norm]}, ${params.trainSteps} training steps). ${rows.join('; ')}.`;
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
  const deepOn = on[on.length - 1];
  const deepOff = off[off.length - 1];
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
            The table below lists every number{' '}
            {hasZero
              ? '(a 0 there is a gradient too small for the computer’s numbers; the log scale cannot draw it).'
              : '.'}
          </>
        }
      >
        <DepthRatioChart series={series} layers={on.map((r) => r.layers)} testId="depth-chart" />
      </ChartFrame>
      <div className="lab-table-wrap">
        <table className="lab-table" data-testid="depth-table">
          <caption className="visually-hidden">First over last gradient ratio by depth</caption>
          <thead>
            <tr>
              <th scope="col">layers</th>
              <th scope="col" className="on-text">
                on, init
              </th>
              <th scope="col" className="on-text">
                on, {params.trainSteps} steps
              </th>
              <th scope="col" className="off-text">
                off, init
              </th>
              <th scope="col" className="off-text">
                off, {params.trainSteps} steps
              </th>
            </tr>
          </thead>
          <tbody>
            {on.map((r, i) => (
              <tr key={r.layers}>
                <th scope="row">{r.layers}</th>
                <RatioCell ch="on" when="init" layers={r.layers} v={r.initFirstOverLast} />
                <RatioCell ch="on" when="trained" layers={r.layers} v={r.trainedFirstOverLast} />
                <RatioCell ch="off" when="init" layers={r.layers} v={off[i]?.initFirstOverLast} />
                <RatioCell
                  ch="off"
                  when="trained"
                  layers={r.layers}
                  v={off[i]?.trainedFirstOverLast}
                />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="lab-explain" data-testid="depth-explain">
        <strong>What to look for.</strong> {EXPECT[params.norm]}{' '}
        {deepOn && deepOff && (
          <>
            <strong>In your sweep.</strong> {sweepVerdict(deepOn, deepOff, params.trainSteps)}
          </>
        )}
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

function RatioCell({
  ch,
  when,
  layers,
  v,
}: {
  ch: Channel;
  when: 'init' | 'trained';
  layers: number;
  v: number | undefined;
}) {
  return (
    <td data-testid={`depth-ratio-${ch}-${when}-${layers}`} data-value={v}>
      {v === 0 ? '0 (underflow)' : num(v)}
    </td>
  );
}
