import { f2 } from '../format';
import { useMemo, memo } from 'react';
import type { ChannelTrace } from '../../store/traces';
import { EmbedButton } from '../controls/EmbedButton';
import { ChartFrame, ChartMessage, SeriesLegend } from '../chart/ChartFrame';
import { COLORS } from '../chart/palette';
import { PointLineChart, type Series } from '../chart/PointLineChart';
import { pointLabel, pointTick } from '../labels';
import { meanOfRows, rowStats } from '../../analysis/rowStats';
import { firstPositionOutlier, type FirstPositionOutlier } from '../../analysis/firstPosition';
import { useExplorer } from '../useExplorer';
import { firstPositionText, normVerdict } from './normVerdict';
import '../chart/chart.css';

/**
 * ‖x‖ of word t at each point, or (mean) the mean over words from word `from` on. The row norms
 * are kept per point (rowStats), so each arriving point costs one pass over itself, not over all.
 */
function norms(
  tr: ChannelTrace | null,
  P: number,
  t: number,
  mean: boolean,
  from = 0,
): (number | null)[] {
  return Array.from({ length: P }, (_, k) => {
    const p = tr?.points[k];
    if (!p || !tr || t >= tr.start.T) return null;
    const rows = rowStats(p.stream, tr.start.T, tr.start.dModel).norms;
    return mean ? meanOfRows(rows, from) : rows[t];
  });
}

/** The trace's first position, if it dwarfs the others once every point has arrived. */
function outlierOf(tr: ChannelTrace | null, P: number): FirstPositionOutlier | null {
  const streams = tr ? tr.points.flatMap((p) => (p ? [p.stream] : [])) : [];
  if (!tr || streams.length < P) return null;
  return firstPositionOutlier(streams, tr.start.T, tr.start.dModel);
}

/** Claim 2: with skips the stream's norm grows as layers add to it; without, each layer replaces it. */
export const StreamNormPanel = memo(function StreamNormPanel() {
  const e = useExplorer();
  const { active, other, P, token, activeName, otherName } = e;
  const word = active?.start.words[token] ?? '';
  const activeColor = e.skips ? COLORS.on : COLORS.off;
  const otherColor = e.skips ? COLORS.off : COLORS.on;
  // A first position that dwarfs the rest (GPT-2's) is left out of the mean, so its line keeps
  // a scale the other words can be read on; the caption gives its numbers.
  const outlier = useMemo(() => outlierOf(active, P), [active, P]);
  const meanFrom = outlier ? 1 : 0;
  // Per trace and word, not per step: scrubbing through the layers must not rebuild them.
  const series: Series[] = useMemo(
    () => [
      {
        id: 'sel',
        label: `“${word}”, ${activeName}`,
        color: activeColor,
        values: norms(active, P, token, false),
      },
      {
        id: 'mean',
        label: `mean over words${meanFrom ? ' after the first' : ''}, ${activeName}`,
        color: activeColor,
        dashed: true,
        values: norms(active, P, 0, true, meanFrom),
      },
      {
        id: 'other',
        label: `“${word}”, ${otherName}`,
        color: otherColor,
        faint: true,
        values: norms(other, P, token, false),
      },
    ],
    [active, other, P, token, word, activeName, otherName, activeColor, otherColor, meanFrom],
  );
  if (!active)
    return e.activeError ? (
      <ChartMessage id="norms" title="How long is the stream?" message={e.activeError} />
    ) : null;
  const sel = series[0].values;
  const first = sel[0];
  const last = sel[e.P - 1];
  const summary =
    first !== null && last !== null
      ? `Norm of the stream for “${word}” (${e.activeName}) goes from ${f2(first)} at the embedding to ${f2(last)} after the last layer; at ${pointLabel(e.point)} it is ${f2(sel[e.point] ?? NaN)}.`
      : 'Stream norms are being computed.';
  // The verdict is about the model with skips, whichever of the two is the active channel.
  const complete = (v: (number | null)[]): number[] | null =>
    v.every((x): x is number => x !== null) ? v : null;
  const [onSeries, offSeries] = e.skips ? [series[0], series[2]] : [series[2], series[0]];
  const onPath = complete(onSeries.values);
  const offPath = complete(offSeries.values);
  const verdict = onPath
    ? normVerdict(
        word,
        onPath,
        offPath && { name: e.skips ? otherName : activeName, path: offPath },
      )
    : null;
  return (
    <ChartFrame
      id="norms"
      current={e.point}
      toolbar={<EmbedButton view="norms" />}
      title="How long is the stream?"
      summary={summary}
      legend={<SeriesLegend series={series} />}
      caption={
        <>
          ‖x‖ at each point of the residual stream. With skips each sublayer <em>adds</em> to the
          stream; without skips every sublayer starts it over, so its size is whatever the last
          sublayer wrote.{' '}
          <span data-testid="norms-verdict" data-holds={verdict ? String(verdict.holds) : ''}>
            {verdict ? verdict.text : 'Waiting for the model with skips.'}
          </span>
          {outlier && (
            <span data-testid="first-position">
              {' '}
              {firstPositionText(outlier, active.start.words[0] ?? '', activeName)}
            </span>
          )}
        </>
      }
    >
      <PointLineChart
        series={series}
        nPoints={e.P}
        current={e.point}
        yLabel="‖x‖"
        tick={pointTick}
      />
    </ChartFrame>
  );
});
