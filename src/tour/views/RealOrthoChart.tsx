import { BarChart, type BarSeries } from '../../views/chart/BarChart';
import { ChartFrame, SeriesLegend } from '../../views/chart/ChartFrame';
import { COLORS } from '../../views/chart/palette';
import { num } from '../../views/format';
import type { AlignmentFigures } from '../realVerdicts';
import '../../views/chart/chart.css';

/**
 * Chapter 2 on GPT-2, drawn: the mean |cosine| between two different sublayers' writes beside
 * that of random directions in the model's own dimension, for GPT-2 and for our trained small
 * model. Both are |cosines|, so they share one axis; the random bars differ because d does.
 */
export function RealOrthoChart({
  name,
  real,
  small,
}: {
  name: string;
  real: AlignmentFigures;
  /** Null until the trained small model's figure is known. */
  small: AlignmentFigures | null;
}) {
  // Short ticks fit a phone; the hover box and the data table name d too.
  const ticks = [name, 'small model'];
  const models = [
    `${name} (d = ${real.dModel})`,
    `our small model${small ? ` (d = ${small.dModel})` : ''}`,
  ];
  const series: BarSeries[] = [
    {
      id: 'writes',
      label: 'mean |cos| between sublayers’ writes',
      color: COLORS.on,
      values: [real.meanAbs, small?.meanAbs ?? null],
    },
    {
      id: 'random',
      label: 'random directions',
      color: COLORS.muted,
      values: [real.random, small?.random ?? null],
    },
  ];
  return (
    <ChartFrame
      id="tour-real-ortho"
      title="Sublayers’ writes against random directions"
      summary={`Mean |cos| between two different sublayers’ writes: ${name} ${num(real.meanAbs)} against ${num(real.random)} for random directions in d = ${real.dModel}${small ? `; our small model ${num(small.meanAbs)} against ${num(small.random)} in d = ${small.dModel}` : ''}.`}
      legend={<SeriesLegend series={series} />}
      caption={
        <>
          Each model’s mean |cosine| between what two different sublayers write for the same word,
          beside the level random directions reach in its dimension. A bar near its grey neighbour
          is “roughly orthogonal”; in more dimensions random directions are closer to orthogonal, so
          the grey bars differ.
        </>
      }
    >
      <BarChart
        series={series}
        n={2}
        tick={(k) => ticks[k]}
        name={(k) => models[k]}
        xLabel="model"
        yLabel="|cos|"
        valueFormat={num}
        height={200}
        testId="tour-real-ortho-bars"
      />
    </ChartFrame>
  );
}
