import { useApp } from '../../store/store';
import { ChartFrame, ChartPending, SeriesLegend } from '../../views/chart/ChartFrame';
import { outputGuesses } from '../../analysis/lensOutput';
import { num } from '../../views/format';
import { PairwiseCosineChart } from '../../views/lab/PairwiseCosineChart';
import { TRACING_NOTE, useLabTraces } from '../../views/lab/useLabTraces';
import '../tour.css';
import '../../views/lab/lab.css';

/** Rank collapse: how alike the words' vectors become, and what each model then predicts. */
export function TourCollapse() {
  const lt = useLabTraces();
  const vocab = useApp((s) => s.models.residual?.vocab);
  const chans = [lt.on, lt.off];
  const series = lt.measureSeries((end) => end.pairwiseCosine, lt.P);
  const last = lt.P - 1;
  const guesses = chans.map((ch) =>
    ch.trace && vocab ? outputGuesses(ch.trace.end, ch.trace.start.T, vocab) : null,
  );
  const words = lt.on.start?.words ?? [];
  const frame = {
    id: 'tour-rank',
    current: lt.point,
    title: 'Are the words still different from each other?',
  };
  if (!lt.on.trace || !lt.off.trace || !guesses[0] || !guesses[1]) {
    return <ChartPending {...frame} note={TRACING_NOTE} />;
  }
  const summary = `Mean cosine between the vectors of two different words after the last layer: ${num(lt.on.trace.end.pairwiseCosine[last])} ${lt.on.name}, ${num(lt.off.trace.end.pairwiseCosine[last])} ${lt.off.name}. Top guess for the next word at each position, ${lt.on.name}: ${guesses[0].join(' ')}; ${lt.off.name}: ${guesses[1].join(' ')}.`;
  return (
    <ChartFrame
      {...frame}
      summary={summary}
      legend={<SeriesLegend series={series} />}
      caption={
        <>
          The mean cosine between the stream vectors of two different words of the sentence, at each
          point: 1 means every word holds the same vector. Below, each model’s top guess for the
          next word after each word.
        </>
      }
    >
      <PairwiseCosineChart series={series} nPoints={lt.P} current={lt.point} height={200} />
      <div className="lab-table-wrap">
        <table className="lab-table tour-guesses" data-testid="tour-guesses">
          <caption className="visually-hidden">Top guess for the next word</caption>
          <thead>
            <tr>
              <th scope="col">after</th>
              {words.map((w, t) => (
                <th key={t} scope="col">
                  {w}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {chans.map((ch, i) => (
              <tr key={ch.name}>
                <th scope="row" className={i === 0 ? 'on-text' : 'off-text'}>
                  {ch.name}
                </th>
                {guesses[i]!.map((g, t) => (
                  <td key={t}>{g}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ChartFrame>
  );
}
