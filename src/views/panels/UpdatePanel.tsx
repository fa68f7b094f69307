import { memo } from 'react';
import { f2 } from '../format';
import { EmbedButton } from '../controls/EmbedButton';
import { ChartFrame, ChartMessage, PENDING_SUMMARY } from '../chart/ChartFrame';
import { VectorStrips, type Strip } from '../chart/VectorStrips';
import { stageSublayer, sublayerOutput } from '../../store/positions';
import { stageLabel } from '../labels';
import { rowCosine, rowNorm } from '../../analysis/vectors';
import { rowStats } from '../../analysis/rowStats';
import { useExplorer } from '../useExplorer';
import type { ChannelTrace } from '../../store/traces';

/**
 * The largest |value| the strips show for one trace at this stage and word (x, f(x) and after,
 * or the stream), read from the per-row maxima kept per array rather than rescanned per render.
 */
function stripMax(tr: ChannelTrace | null, k: number | null, point: number, token: number): number {
  if (!tr || token >= tr.start.T) return 0;
  const { T, dModel: C } = tr.start;
  const rowMax = (v: Float32Array) => rowStats(v, T, C).maxAbs[token];
  if (k === null) {
    const p = tr.points[point];
    return p ? rowMax(p.stream) : 0;
  }
  const before = tr.points[k];
  const after = tr.points[sublayerOutput(k)];
  return before && after?.contribution
    ? Math.max(rowMax(before.stream), rowMax(after.contribution), rowMax(after.stream))
    : 0;
}

import '../chart/chart.css';

/** The update itself at the current stage: x, f(x) and α·x + f(x) for the selected word. */
export const UpdatePanel = memo(function UpdatePanel() {
  const e = useExplorer();
  const tr = e.active;
  if (!tr)
    return e.activeError ? (
      <ChartMessage id="update" title="The update" message={e.activeError} />
    ) : null;
  const { dModel: C, T, skipStrength, norm } = tr.start;
  const word = tr.start.words[e.token] ?? '';
  const row = (v: Float32Array) => v.subarray(e.token * C, (e.token + 1) * C);
  const s = e.stage;
  const k = stageSublayer(s, e.L);
  let strips: Strip[] = [];
  let summary = '';
  let note = '';
  if (k === null) {
    const p = tr.points[e.point];
    if (p && e.token < T) {
      strips = [{ label: s === 0 ? 'embedding x₀' : 'final stream', values: row(p.stream) }];
      summary = `${stageLabel(s, e.L)}: the stream for “${word}” has norm ${f2(rowNorm(p.stream, e.token, C))}.`;
      note =
        s === 0
          ? 'The stream starts as the word’s embedding plus its position’s.'
          : 'The final stream goes through the last LayerNorm and the output layer to give the prediction.';
    }
  } else {
    const before = tr.points[k]; // sublayer k reads point k
    const after = tr.points[sublayerOutput(k)];
    if (before && after?.contribution && e.token < T) {
      const f = after.contribution;
      strips = [
        { label: 'before  x', values: row(before.stream) },
        { label: 'f(x) added', values: row(f) },
        { label: 'after', values: row(after.stream) },
      ];
      const nx = rowNorm(before.stream, e.token, C);
      const nf = rowNorm(f, e.token, C);
      const cos = rowCosine(f, before.stream, e.token, C);
      summary = `${stageLabel(s, e.L)} for “${word}”: ‖x‖ = ${f2(nx)}, ‖f(x)‖ = ${f2(nf)}, cos(f(x), x) = ${f2(cos)}, ‖after‖ = ${f2(rowNorm(after.stream, e.token, C))}.`;
      note = after.lesioned
        ? 'This sublayer is removed: the stream passes through unchanged.'
        : norm === 'post'
          ? `after = LayerNorm(${skipStrength}·x + f(x)).`
          : skipStrength === 1
            ? 'after = x + f(x): the sublayer writes on top of what is there.'
            : skipStrength === 0
              ? 'after = f(x): the sublayer’s output replaces the stream.'
              : `after = ${skipStrength}·x + f(x): the skip carries ${skipStrength} of the stream past the sublayer.`;
    }
  }
  // One colour scale for both models, so a stream 40× smaller than the other looks 40× fainter.
  const other = e.other;
  const comparable = other && other.start.nLayers === tr.start.nLayers && other.start.dModel === C;
  const ownMax = stripMax(tr, k, e.point, e.token);
  const otherMax = comparable ? stripMax(other, k, e.point, e.token) : 0;
  const scale =
    otherMax > 0
      ? { max: Math.max(ownMax, otherMax), note: `shared with ${e.otherName}` }
      : undefined;
  return (
    <ChartFrame
      id="update"
      current={e.point}
      toolbar={<EmbedButton view="update" />}
      title={`${stageLabel(s, e.L)} — “${word}”`}
      summary={summary || PENDING_SUMMARY}
      caption={
        <>
          {note} Each cell is one of the stream’s {C} dimensions.{' '}
          {summary && <span data-testid="update-numbers">{summary}</span>}
        </>
      }
      className="wide"
    >
      {strips.length > 0 ? (
        <VectorStrips
          strips={strips}
          rows={3}
          scale={scale}
          emptyNote="Step to a sublayer to see x, the f(x) it adds, and the sum."
        />
      ) : (
        <p className="chart-note">Computing…</p>
      )}
    </ChartFrame>
  );
});
