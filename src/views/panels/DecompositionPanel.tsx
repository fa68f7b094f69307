import { pointWriter } from '../../store/positions';
import { useMemo, type ReactNode, memo } from 'react';
import { f2 } from '../format';
import { EmbedButton } from '../controls/EmbedButton';
import { ChartFrame, ChartMessage } from '../chart/ChartFrame';
import { DecompositionChart } from '../chart/DecompositionChart';
import { sourceColor } from '../chart/palette';
import { pointTick, sublayerLabel } from '../labels';
import { decompositionAt } from '../../analysis/decomposition';
import { useExplorer } from '../useExplorer';
import '../chart/chart.css';

/** Claim 2: the stream is a sum, and you can see which layer wrote which part. */
export const DecompositionPanel = memo(function DecompositionPanel() {
  const e = useExplorer();
  const tr = e.active;
  const { P, token } = e;
  // Every point's bar, per trace and word: the chart shows those up to the current stage.
  const bars = useMemo(
    () =>
      Array.from({ length: P }, (_, k) =>
        tr && tr.start.norm !== 'post' ? decompositionAt(tr, k, token) : null,
      ),
    [tr, P, token],
  );
  if (!tr)
    return e.activeError ? (
      <ChartMessage
        id="decomposition"
        title="What is the stream made of?"
        message={e.activeError}
      />
    ) : null;
  const { norm, skipStrength } = tr.start;
  const sourceLabel = (j: number) => (j === 0 ? 'embedding' : sublayerLabel(pointWriter(j)));
  // The same figure for post-LN, which cannot be split, so tests and embeds find it either way.
  const frame = {
    id: 'decomposition',
    current: e.point,
    toolbar: <EmbedButton view="decomposition" />,
    title: 'What is the stream made of?',
  };
  if (norm === 'post') {
    return (
      <ChartFrame
        {...frame}
        summary="Not available for post-LN models."
        caption=""
        exportable={false}
      >
        <p className="chart-note">
          With post-LN a LayerNorm sits between every two additions, so the stream is not a plain
          sum of the parts and cannot be split this way.
        </p>
      </ChartFrame>
    );
  }
  const now = bars[e.point];
  const word = tr.start.words[e.token] ?? '';
  const embShare = now && now.length > 0 ? now[0] / now.reduce((s, v) => s + v, 0) : NaN;
  const summary = now
    ? `For “${word}” at ${pointTick(e.point)}, the embedding accounts for ${f2(now[0])} of a stream length of ${f2(
        now.reduce((s, v) => s + v, 0),
      )} (${Number.isFinite(embShare) ? (100 * embShare).toFixed(0) : '—'}%).`
    : 'Decomposition is being computed.';
  return (
    <ChartFrame
      {...frame}
      summary={summary}
      legend={
        <>
          <span className="legend-item">
            <span className="swatch" style={{ background: sourceColor(0, e.P) }} /> embedding
          </span>
          <RangeLegendItem from={sourceColor(1, e.P)} to={sourceColor(e.P - 2, e.P)}>
            attention, layer 1 → {e.L}
          </RangeLegendItem>
          <RangeLegendItem from={sourceColor(2, e.P)} to={sourceColor(e.P - 1, e.P)}>
            MLP, layer 1 → {e.L}
          </RangeLegendItem>
        </>
      }
      caption={
        <>
          The stream for the selected word, split into what the embedding and each sublayer wrote
          (each part measured along the stream’s direction, so the parts add up to its length). With
          skips (α = 1) old parts stay while new ones stack on top; with α = 0 only the latest
          sublayer’s part is left. Step through the layers to build it up.{' '}
          {skipStrength !== 1 &&
            `This trace uses α = ${skipStrength}: every older part is scaled by α at each step.`}
        </>
      }
    >
      <DecompositionChart
        bars={bars}
        nPoints={e.P}
        current={e.point}
        tick={pointTick}
        sourceLabel={sourceLabel}
      />
    </ChartFrame>
  );
});

/** A legend entry for a kind of sublayer, its swatch running from the first layer's colour to the last's. */
function RangeLegendItem({
  from,
  to,
  children,
}: {
  from: string;
  to: string;
  children: ReactNode;
}) {
  return (
    <span className="legend-item">
      <span
        className="gradient-swatch"
        style={{ background: `linear-gradient(90deg, ${from}, ${to})` }}
      />
      {children}
    </span>
  );
}
