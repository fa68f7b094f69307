import { f2, whole } from '../format';
import { useMemo } from 'react';
import type { ChannelTrace } from '../../store/traces';
import { EmbedButton } from '../controls/EmbedButton';
import { ChartFrame, ChartMessage, SeriesLegend } from '../chart/ChartFrame';
import { COLORS } from '../chart/palette';
import { PointLineChart, type Series } from '../chart/PointLineChart';
import { pointTick } from '../labels';
import { rowCosine } from '../../analysis/vectors';
import { useExplorer } from '../useExplorer';
import '../chart/chart.css';

const COS_DOMAIN: [number, number] = [-0.2, 1];

function cosWithEmbedding(tr: ChannelTrace | null, P: number, t: number): (number | null)[] {
  const x0 = tr?.points[0];
  return Array.from({ length: P }, (_, k) => {
    const p = tr?.points[k];
    if (!tr || !p || !x0 || t >= tr.start.T) return null;
    return rowCosine(p.stream, x0.stream, t, tr.start.dModel);
  });
}

function inputRank(tr: ChannelTrace | null, P: number, t: number): (number | null)[] {
  return Array.from({ length: P }, (_, k) => {
    if (!tr?.end || t >= tr.start.T) return null;
    return tr.end.lensInputRank[k * tr.start.T + t] + 1;
  });
}

/** Claim 2: does the word itself survive the trip through the layers? */
export function SurvivalPanel() {
  const e = useExplorer();
  const { active, other, P, token, activeName, otherName } = e;
  const a = e.skips ? COLORS.on : COLORS.off;
  const b = e.skips ? COLORS.off : COLORS.on;
  // Per trace and word, not per step: scrubbing through the layers must not rebuild them.
  const { cos, rank } = useMemo(() => {
    const series = (f: typeof cosWithEmbedding): Series[] => [
      { id: 'a', label: activeName, color: a, values: f(active, P, token) },
      { id: 'b', label: otherName, color: b, faint: true, values: f(other, P, token) },
    ];
    return { cos: series(cosWithEmbedding), rank: series(inputRank) };
  }, [active, other, P, token, activeName, otherName, a, b]);
  if (!active)
    return e.activeError ? (
      <ChartMessage id="survival" title="Does the word itself survive?" message={e.activeError} />
    ) : null;
  const word = active.start.words[token] ?? '';
  const lastA = cos[0].values[e.P - 1];
  const lastB = cos[1].values[e.P - 1];
  const summary =
    lastA !== null && lastB !== null
      ? `After the last layer the stream of “${word}” has cosine ${f2(lastA)} with its own embedding (${e.activeName}) against ${f2(lastB)} (${e.otherName}).`
      : 'Being computed.';
  return (
    <ChartFrame
      id="survival"
      current={e.point}
      toolbar={<EmbedButton view="survival" />}
      title="Does the word itself survive?"
      summary={summary}
      legend={<SeriesLegend series={cos} />}
      caption={
        <>
          Left: cosine between the stream and the word’s own embedding x₀ (1 = unchanged, 0 =
          unrelated). Right: the rank of the input word itself when the stream is read through the
          output layer (1 = the model would “say” the word it is looking at). With skips the
          low-level feature — which word this is — stays readable deep into the network; without
          skips it is gone after the first layer.
        </>
      }
      className="wide"
    >
      <div className="two-up">
        <PointLineChart
          series={cos}
          nPoints={e.P}
          current={e.point}
          yLabel="cos(x, x₀)"
          tick={pointTick}
          yDomain={COS_DOMAIN}
          height={200}
        />
        <PointLineChart
          series={rank}
          nPoints={e.P}
          current={e.point}
          yLabel="rank of input word"
          tick={pointTick}
          log
          height={200}
          valueFormat={whole}
          axisFormat={whole}
        />
      </div>
    </ChartFrame>
  );
}
