import { useMemo, memo } from 'react';
import { vocabOf } from '../../store/engineSlice';
import { lensOf } from '../../store/positionLens';
import { pointCount } from '../../store/positions';
import { useApp } from '../../store/store';
import type { ChannelTrace } from '../../store/traces';
import type { TraceEnd } from '../../worker/protocol';
import { EmbedButton } from '../controls/EmbedButton';
import { ChartFrame, ChartMessage, ChartPending } from '../chart/ChartFrame';
import { LensGrid, type LensData } from '../chart/LensGrid';
import { thousands } from '../format';
import { pointLabel, pointTick } from '../labels';
import { useExplorer } from '../useExplorer';
import { LENS_TOP_K, lensFromColumns, lensRows } from '../../analysis/lensOutput';
import { lensVerdict } from './lensVerdict';
import '../chart/chart.css';

/** The lens as CSV; the exporter loads on the first download (it is not needed to draw). */
const lensCsvOf = async (...args: Parameters<typeof import('../export/traceExport').lensCsv>) =>
  (await import('../export/traceExport')).lensCsv(...args);

type Complete = ChannelTrace & { end: TraceEnd };

/**
 * The grid's numbers: the trace's whole lens, or, when it left the lens out (a large
 * vocabulary), the words read so far, the selected one `pending` until it arrives.
 */
function lensData(tr: Complete, vocab: readonly string[], selected: number): LensData {
  const base = { words: tr.start.words, nPoints: pointCount(tr.start.nLayers), K: LENS_TOP_K };
  if (!tr.end.lensOnRequest) {
    const { lensTopIds: topIds, lensTopProbs: topProbs, lensNextRank: nextRank } = tr.end;
    return { ...base, topIds, topProbs, nextRank, vocab };
  }
  const columns = lensFromColumns(tr.start.T, base.nPoints, tr.lensAt ?? {});
  return { ...base, ...columns, vocab, pending: tr.lensError ? undefined : selected };
}

/** Claims 2 and 4: watch the prediction form as layers write to the stream. */
export const LensPanel = memo(function LensPanel() {
  const e = useExplorer();
  const tr = e.activeComplete;
  const slot = tr?.start.slot;
  // The traced model's own words: GPT-2's 50,257 pieces, or the small models' grammar.
  const vocab = useApp((s) => (slot ? vocabOf(s, slot) : undefined));
  const setToken = useApp((s) => s.setToken);
  // One object per trace (and per word read), so the grid's memoised rows skip the re-render
  // of a stage change; the selected word matters to it only while its column is on its way.
  const waitingFor = tr?.end.lensOnRequest ? e.token : -1;
  const data = useMemo(
    () => (tr && vocab ? lensData(tr, vocab, waitingFor) : null),
    [tr, vocab, waitingFor],
  );
  // The same figure whether or not the trace has arrived, so tests and embeds find it either way.
  const frame = {
    id: 'lens',
    current: e.point,
    toolbar: <EmbedButton view="lens" />,
    title: 'Logit lens: what would the model say here?',
    className: 'wide',
  };
  if (!tr && e.activeError) {
    return <ChartMessage id={frame.id} title={frame.title} message={e.activeError} />;
  }
  if (!tr || !vocab || !data) {
    return <ChartPending {...frame} note="Reading the stream…" />;
  }
  const grid = (
    <LensGrid
      data={data}
      current={e.point}
      selected={e.token}
      pointName={pointTick}
      onSelect={setToken}
    />
  );
  const cellsSay =
    'Each cell reads the stream at one point through the final LayerNorm and the output layer, ' +
    'as if the network stopped there, and shows its top guess for the next word (darker = more ' +
    'confident; outlined = the word that actually comes next).';
  if (tr.end.lensOnRequest) {
    const read = wordSummary(e, tr, vocab);
    return (
      <ChartFrame
        {...frame}
        exportTable={() => lensCsvOf(tr, vocab)}
        summary={read}
        caption={cellsSay}
      >
        <p className="chart-note">
          With {thousands(vocab.length)} words to score at every point, this model’s lens is read
          one word at a time: select a word to read it.
        </p>
        <p
          className="chart-note"
          data-testid="lens-word"
          data-pending={String(!lensOf(tr, e.token) && !tr.lensError)}
          role="status"
        >
          {tr.lensError ? `The lens could not be read: ${tr.lensError}` : read}
        </p>
        {grid}
      </ChartFrame>
    );
  }
  const { T, words } = tr.start;
  const last = e.P - 1;
  const hits = Array.from(
    { length: T - 1 },
    (_, t) => tr.end.lensNextRank[last * T + t] === 0,
  ).filter(Boolean).length;
  const top = (k: number, t: number) => vocab[tr.end.lensTopIds[(k * T + t) * LENS_TOP_K]];
  const summary =
    `Logit lens (${e.activeName}): after the last layer the top guess is the actual next word at ${hits} of ${T - 1} positions. ` +
    `For “${words[e.token]}” the guess ${where(e.point)} is “${top(e.point, e.token)}” and at the output “${top(last, e.token)}”.`;
  const verdict = lensVerdict(e.activeName, lensRows(tr.end, T), T - 1, pointLabel);
  return (
    <ChartFrame
      {...frame}
      exportTable={() => lensCsvOf(tr, vocab)}
      summary={summary}
      caption={
        <>
          {cellsSay}{' '}
          <span data-testid="lens-verdict" data-holds={String(verdict.holds)}>
            {verdict.text}
          </span>
        </>
      }
    >
      {grid}
    </ChartFrame>
  );
});

/** A residual point as a place in a sentence: "at the embedding", "after Layer 2 · MLP". */
const where = (k: number): string => (k === 0 ? 'at the embedding' : pointLabel(k));

/**
 * The summary of a lens read one word at a time: the selected word's guesses, and where the
 * word that follows and the word itself rank, at the embedding, the point shown and the output.
 */
function wordSummary(
  e: ReturnType<typeof useExplorer>,
  tr: Complete,
  vocab: readonly string[],
): string {
  const { words, tokenIds, T } = tr.start;
  const t = e.token;
  const word = words[t];
  const lens = lensOf(tr, t);
  if (!lens)
    return tr.lensError ? 'The lens could not be read.' : `Reading “${word}” through the lens…`;
  const last = e.P - 1;
  const K = LENS_TOP_K;
  const guess = (k: number) => vocab[lens.topIds[k * K]];
  // The embedding, the point shown and the output, each once.
  const points = [...new Set([0, e.point, last])];
  const ranks = (r: Int32Array) =>
    points
      .map((k) => `#${thousands(r[k] + 1)} ${k === last ? 'at the output' : where(k)}`)
      .join(', ');
  const next =
    t + 1 < T
      ? ` The word that follows, “${vocab[tokenIds[t + 1]]}”, ranks ${ranks(lens.nextRank)}.`
      : '';
  return (
    `Logit lens (${e.activeName}): for “${word}” the top guess ${where(e.point)} is “${guess(e.point)}” and at the output “${guess(last)}”.` +
    `${next} The word itself ranks ${ranks(lens.inputRank)}.`
  );
}
