import { memo } from 'react';
import { vocabOf } from '../../store/engineSlice';
import { useApp } from '../../store/store';
import type { ChannelTrace } from '../../store/traces';
import type { TraceEnd } from '../../worker/protocol';
import { BarChart } from '../chart/BarChart';
import { ChartFrame, ChartPending, SeriesLegend } from '../chart/ChartFrame';
import { COLORS } from '../chart/palette';
import { num, signed } from '../format';
import { sublayerLabel, sublayerTick } from '../labels';
import { useExplorer } from '../useExplorer';
import { attributionVerdict } from './attributionVerdict';
import '../chart/chart.css';

type Complete = ChannelTrace & { end: TraceEnd };

/** Writer k of a row: the embedding, sublayer k − 1, then LN_f's bias. */
const writerTick = (k: number, S: number) =>
  k === 0 ? 'emb' : k === S + 1 ? 'bias' : sublayerTick(k - 1);
const writerName = (k: number, S: number) =>
  k === 0 ? 'Embedding' : k === S + 1 ? 'Final LayerNorm bias' : sublayerLabel(k - 1);

/**
 * Beside the logit lens: which writers push the selected word's prediction up, as a direct
 * split of its logit (analysis/logitAttribution.ts), with skips against without.
 */
export const AttributionPanel = memo(function AttributionPanel() {
  const e = useExplorer();
  // The traced model's own vocabulary (GPT-2's when it is shown); both channels share one model's.
  const slot = e.active?.start.slot;
  const vocab = useApp((s) => (slot ? vocabOf(s, slot) : undefined));
  const frame = {
    id: 'attribution',
    current: e.point,
    title: 'Who writes the prediction?',
    className: 'wide',
  };
  const pair = e.skips ? [e.activeComplete, e.otherComplete] : [e.otherComplete, e.activeComplete];
  const names = e.skips ? [e.activeName, e.otherName] : [e.otherName, e.activeName];
  const [on, off] = pair;
  if (!on || !off || !vocab) {
    return <ChartPending {...frame} note="Splitting the prediction…" />;
  }
  if (on.end.attribution.length === 0 || off.end.attribution.length === 0) {
    const note =
      'With post-LN the stream is renormalised after every sublayer, so it is no sum of writes and the prediction cannot be split by writer.';
    return (
      <ChartFrame {...frame} summary={note} caption="" exportable={false}>
        <p className="chart-note">{note}</p>
      </ChartFrame>
    );
  }
  const t = Math.min(e.token, on.start.T - 1);
  const S = 2 * on.start.nLayers;
  const n = S + 2;
  const rowOf = (tr: Complete) => Array.from(tr.end.attribution.subarray(t * n, (t + 1) * n));
  const wordOf = (tr: Complete) => vocab[tr.end.attributionTarget[t]] ?? '?';
  const rows = [rowOf(on), rowOf(off)];
  const series = [on, off].map((tr, i) => ({
    id: i === 0 ? 'on' : 'off',
    label: `${names[i]} → “${wordOf(tr)}”`,
    color: i === 0 ? COLORS.on : COLORS.off,
    values: rows[i],
  }));
  const verdicts = [on, off].map((tr, i) =>
    attributionVerdict(names[i], wordOf(tr), rows[i], (k) => writerTick(k, S)),
  );
  const word = on.start.words[t];
  const listRow = (row: number[]) =>
    row.map((v, k) => `${writerTick(k, S)} ${signed(v)}`).join(', ');
  const summary = `Direct logit attribution at “${word}”: ${series[0].label}: ${listRow(rows[0])}; ${series[1].label}: ${listRow(rows[1])}.`;
  return (
    <ChartFrame
      {...frame}
      summary={summary}
      legend={<SeriesLegend series={series} />}
      caption={
        <>
          At “{word}” (pick a word in the lens), each model’s top prediction is split by who wrote
          it: how much the embedding, each sublayer and the final LayerNorm’s bias add to that
          word’s logit over the mean word’s, the final LayerNorm’s scale held at its value. The bars
          add up to the gap.{' '}
          {verdicts.map((v, i) => (
            <span key={i} data-testid={`attribution-verdict-${i === 0 ? 'on' : 'off'}`}>
              {v.text}{' '}
            </span>
          ))}
        </>
      }
    >
      <BarChart
        series={series}
        n={n}
        tick={(k) => writerTick(k, S)}
        name={(k) => writerName(k, S)}
        xLabel="writer"
        yLabel="logit pushed (nats)"
        highlight={e.point}
        valueFormat={num}
        testId="attribution-chart"
      />
    </ChartFrame>
  );
});
