import { embeddingCosine } from '../../analysis/embeddingKept';
import { ChartFrame, SeriesLegend } from '../../views/chart/ChartFrame';
import { COLORS } from '../../views/chart/palette';
import { PointLineChart, type Series } from '../../views/chart/PointLineChart';
import { num } from '../../views/format';
import { pointTick } from '../../views/labels';
import type { TourRealTraces } from '../useTourRealTraces';
import '../../views/chart/chart.css';

/**
 * Chapter 3 on GPT-2, drawn: the stream's cosine with the word's own embedding at each point of
 * GPT-2's stream (the verdict quotes the last), beside the level random directions reach in its
 * dimension. GPT-2 alone: its points do not line up with the small model's.
 */
export function RealEmbeddingChart({ real }: { real: TourRealTraces }) {
  const on = real.on;
  if (!on) return null;
  const P = on.points.length;
  const random = on.end.randomAbsCosine;
  const series: Series[] = [
    {
      id: 'cos',
      label: `${real.name}: cos(stream, embedding)`,
      color: COLORS.on,
      values: Array.from({ length: P }, (_, k) => embeddingCosine(on, k)),
    },
    {
      id: 'random',
      label: `random directions in d = ${on.start.dModel}`,
      color: COLORS.muted,
      dashed: true,
      values: Array.from({ length: P }, () => random),
    },
  ];
  const last = series[0].values[P - 1];
  return (
    <ChartFrame
      id="tour-real-embedding"
      current={P - 1}
      title={`How much of the embedding ${real.name}’s stream still shows`}
      summary={`Mean cosine of ${real.name}’s stream with the embedding: ${num(last)} after the last sublayer, against ${num(random)} for random directions in d = ${on.start.dModel}.`}
      legend={<SeriesLegend series={series} />}
      caption={
        <>
          At each of {real.name}’s {P} points, the cosine of the stream with the word’s own
          embedding, averaged over the words; the last point, marked, is the verdict’s. {real.name}{' '}
          alone: its points do not line up with our small model’s.
        </>
      }
    >
      <PointLineChart
        series={series}
        nPoints={P}
        current={P - 1}
        yLabel="cosine"
        tick={pointTick}
        valueFormat={num}
        height={200}
      />
    </ChartFrame>
  );
}
