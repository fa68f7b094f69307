import { useMemo } from 'react';
import { pointCount } from '../../store/positions';
import { useApp } from '../../store/store';
import { EmbedButton } from '../controls/EmbedButton';
import { ChartFrame, ChartMessage } from '../chart/ChartFrame';
import { LensGrid } from '../chart/LensGrid';
import { pointLabel, pointTick } from '../labels';
import { useExplorer } from '../useExplorer';
import { LENS_TOP_K } from '../../analysis/lensOutput';
import '../chart/chart.css';

/** Claims 2 and 4: watch the prediction form as layers write to the stream. */
export function LensPanel() {
  const e = useExplorer();
  const vocab = useApp((s) => s.models.residual?.vocab);
  const setToken = useApp((s) => s.setToken);
  const tr = e.activeComplete;
  // One object per trace, so the grid's memoised rows skip the re-render of a stage change.
  const data = useMemo(
    () =>
      tr && vocab
        ? {
            words: tr.start.words,
            nPoints: pointCount(tr.start.nLayers),
            K: LENS_TOP_K,
            topIds: tr.end.lensTopIds,
            topProbs: tr.end.lensTopProbs,
            nextRank: tr.end.lensNextRank,
            vocab,
          }
        : null,
    [tr, vocab],
  );
  if (!tr && e.activeError) {
    return (
      <ChartMessage
        id="lens"
        title="Logit lens: what would the model say here?"
        message={e.activeError}
      />
    );
  }
  if (!tr || !vocab || !data) {
    return (
      <ChartFrame
        id="lens"
        current={e.point}
        toolbar={<EmbedButton view="lens" />}
        title="Logit lens: what would the model say here?"
        summary="Being computed."
        caption=""
        className="wide"
      >
        <p className="chart-note">Reading the stream…</p>
      </ChartFrame>
    );
  }
  const { T, words } = tr.start;
  const P = e.P;
  const last = P - 1;
  const hits = Array.from(
    { length: T - 1 },
    (_, t) => tr.end.lensNextRank[last * T + t] === 0,
  ).filter(Boolean).length;
  const top = (k: number, t: number) => vocab[tr.end.lensTopIds[(k * T + t) * LENS_TOP_K]];
  const summary =
    `Logit lens (${e.activeName}): after the last layer the top guess is the actual next word at ${hits} of ${T - 1} positions. ` +
    `For “${words[e.token]}” the guess at ${pointLabel(e.point)} is “${top(e.point, e.token)}” and at the output “${top(last, e.token)}”.`;
  return (
    <ChartFrame
      id="lens"
      current={e.point}
      toolbar={<EmbedButton view="lens" />}
      title="Logit lens: what would the model say here?"
      summary={summary}
      caption={
        <>
          Each cell reads the stream at one point through the final LayerNorm and the output layer,
          as if the network stopped there, and shows its top guess for the next word (darker = more
          confident; outlined = the word that actually comes next). With skips the guess sharpens
          layer by layer as features are added; without skips, early rows show little but the
          current word’s neighbours.
        </>
      }
      className="wide"
    >
      <LensGrid
        data={data}
        current={e.point}
        selected={e.token}
        pointName={pointTick}
        onSelect={setToken}
      />
    </ChartFrame>
  );
}
