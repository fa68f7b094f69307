import { f2, whole } from '../format';
import { useMemo, memo } from 'react';
import { lensOf } from '../../store/positionLens';
import type { ChannelTrace } from '../../store/traces';
import { EmbedButton } from '../controls/EmbedButton';
import { ChartFrame, ChartMessage, SeriesLegend, PENDING_SUMMARY } from '../chart/ChartFrame';
import { COLORS } from '../chart/palette';
import { PointLineChart, type Series } from '../chart/PointLineChart';
import { pointTick } from '../labels';
import { rowCosine } from '../../analysis/vectors';
import { useExplorer } from '../useExplorer';
import { survivalVerdict } from './survivalVerdict';
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
    // A large vocabulary's lens comes one selected word at a time (store/positionLens.ts).
    if (tr.end.lensOnRequest) {
      const rank = lensOf(tr, t)?.inputRank[k];
      return rank === undefined ? null : rank + 1;
    }
    return tr.end.lensInputRank[k * tr.start.T + t] + 1;
  });
}

/** Claim 2: does the word itself survive the trip through the layers? */
export const SurvivalPanel = memo(function SurvivalPanel() {
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
      : lastA !== null && e.otherFailed
        ? `Nothing to compare with: the model ${e.otherName} could not be loaded.`
        : PENDING_SUMMARY;
  // The verdict compares skips on with skips off, whichever of them is the active channel.
  const at = (s: Series[], i: number) => s[i].values[e.P - 1];
  const [iOn, iOff] = e.skips ? [0, 1] : [1, 0];
  const cosOn = at(cos, iOn);
  const cosOff = at(cos, iOff);
  const rankOn = at(rank, iOn);
  const rankOff = at(rank, iOff);
  const verdict =
    cosOn !== null && cosOff !== null && rankOn !== null && rankOff !== null
      ? survivalVerdict(
          word,
          { cos: cosOn, rank: rankOn },
          { cos: cosOff, rank: rankOff },
          // GPT-2's "off" is its own skips weakened, never a model trained without them.
          active.start.slot === 'gpt2' ? (e.skips ? e.otherName : e.activeName) : undefined,
        )
      : null;
  // Both charts run along the same points, side by side at one height.
  const alongStream = { nPoints: e.P, current: e.point, tick: pointTick, height: 200 };
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
          The cos(x, x₀) chart: cosine between the stream and the word’s own embedding x₀ (1 =
          unchanged, 0 = unrelated). The rank chart: the rank of the input word itself when the
          stream is read through the output layer (1 = the model would “say” the word it is looking
          at; this reading mixes which word this is with what the model predicts next).{' '}
          <span data-testid="survival-verdict" data-holds={verdict ? String(verdict.holds) : ''}>
            {verdict ? verdict.text : 'Waiting for both channels.'}
          </span>
        </>
      }
      className="wide"
    >
      <div className="two-up">
        <PointLineChart {...alongStream} series={cos} yLabel="cos(x, x₀)" yDomain={COS_DOMAIN} />
        <PointLineChart
          {...alongStream}
          series={rank}
          yLabel="rank of input word"
          log
          valueFormat={whole}
          axisFormat={whole}
        />
      </div>
    </ChartFrame>
  );
});
