import { useMemo, useState, type CSSProperties, memo } from 'react';
import { highwayMeasures } from '../../analysis/highway';
import { lastStage } from '../../store/positions';
import { useApp } from '../../store/store';
import type { ChannelTrace } from '../../store/traces';
import { ChartFrame, ChartMessage } from '../chart/ChartFrame';
import { HighwayDiagram } from '../chart/HighwayDiagram';
import { EmbedButton } from '../controls/EmbedButton';
import { f2, listed, sig3, toValues } from '../format';
import { stageLabel, sublayerLabel } from '../labels';
import { useExplorer } from '../useExplorer';
import '../chart/chart.css';
import '../chart/highway.css';

const NORM_NAMES = { pre: 'pre-LN', post: 'post-LN', none: 'no LayerNorm' } as const;

const positives = (tr: ChannelTrace | null): number[] =>
  Array.from(tr?.end?.streamGradNorms ?? []).filter((g) => g > 0 && Number.isFinite(g));

/**
 * The residual stream as one picture: the highway from the embedding to the output with each
 * sublayer a branch off it, drawn to the measured sizes of the trace shown and lit where the
 * stepper is. `compact` is the small copy beside the explorer's charts.
 */
export const HighwayPanel = memo(function HighwayPanel({ compact = false }: { compact?: boolean }) {
  const e = useExplorer();
  const { active, other, token, stage } = e;
  const setStage = useApp((s) => s.setStage);
  const setPlaying = useApp((s) => s.setPlaying);
  const [backward, setBackward] = useState(false);
  // Per trace and word, not per step: scrubbing only moves the light.
  const measures = useMemo(() => (active ? highwayMeasures(active, token) : null), [active, token]);
  const otherMeasures = useMemo(
    () => (other && token < other.start.T ? highwayMeasures(other, token) : null),
    [other, token],
  );
  const gradient = useMemo(() => toValues(active?.end?.streamGradNorms, e.P), [active, e.P]);
  // One width scale for both traces, so switching skips off shows a thinner (or wider) stream.
  const normMax = useMemo(() => {
    const all = [measures, otherMeasures].flatMap((m) => (m ? [...m.stream, ...m.branch] : []));
    return Math.max(0, ...all.filter((v): v is number => v !== null && Number.isFinite(v)));
  }, [measures, otherMeasures]);
  const gradDomain = useMemo((): [number, number] => {
    const all = [...positives(active), ...positives(other)];
    if (all.length === 0) return [1e-3, 1];
    const lo = Math.min(...all);
    const hi = Math.max(...all);
    return lo < hi ? [lo, hi] : [lo / 10, hi];
  }, [active, other]);
  const id = compact ? 'highway-mini' : 'highway';
  const title = compact ? 'The highway' : 'The residual highway';
  if (!active || !measures) {
    if (!e.activeError) return null;
    const message = <ChartMessage id={id} title={title} message={e.activeError} />;
    return compact ? <div className="hw-beside">{message}</div> : message;
  }

  const { nLayers, norm, skipStrength, words } = active.start;
  const word = words[token] ?? '';
  const first = measures.stream[0];
  const last = measures.stream[measures.stream.length - 1];
  // What the "off" channel is: GPT-2 has no model trained without skips, only its own weakened.
  const offName = e.skips ? e.otherName : e.activeName;
  const removed = measures.lesioned.flatMap((r, k) => (r ? [sublayerLabel(k)] : []));
  const skipsSaid =
    skipStrength === 0
      ? 'Every skip is cut (α = 0): the stream goes only through the sublayers.'
      : skipStrength < 1
        ? `Each skip carries α = ${skipStrength} of the stream.`
        : 'Every skip carries the whole stream.';
  const grads = gradient.filter((g): g is number => g !== null);
  const summary =
    first === null || last === null
      ? 'The highway is being measured.'
      : [
          `Residual highway for “${word}” (${e.activeName}, ${NORM_NAMES[norm]}):`,
          backward && grads.length
            ? `‖∂L/∂x‖ over the sentence is ${sig3(grads[grads.length - 1])} at the last point and ${sig3(grads[0])} at the embedding.`
            : `‖x‖ is ${f2(first)} at the embedding and ${f2(last)} after the last layer.`,
          skipsSaid,
          removed.length ? `Removed, so bypassed: ${listed(removed)}.` : '',
          `Lit: ${stageLabel(stage, nLayers)}.`,
        ]
          .filter(Boolean)
          .join(' ');
  const streamColor = { '--hw-stream': e.skips ? 'var(--on)' : 'var(--off)' } as CSSProperties;

  const frame = (
    <ChartFrame
      id={id}
      current={e.point}
      toolbar={compact ? undefined : <EmbedButton view="highway" />}
      title={title}
      summary={summary}
      legend={
        <label className="hw-mode">
          <input
            type="checkbox"
            checked={backward}
            onChange={(ev) => setBackward(ev.target.checked)}
            disabled={grads.length === 0}
          />{' '}
          {compact ? 'gradient' : 'Backward pass: width ∝ log ‖∂L/∂x‖'}
        </label>
      }
      caption={
        compact ? (
          <>Width: ‖x‖ of “{word}”. Click a branch or point to step there.</>
        ) : (
          <>
            The stream runs up from the embedding; each sublayer reads it on a side branch and adds
            its output back at ⊕. Widths are measured on “{word}”: the stream is ‖x‖, a branch is
            ‖f(x)‖, a skip is what it carries (α·‖x‖). In the backward pass the width is log ‖∂L/∂x‖
            over the sentence, from the loss down to the embedding: compare it with skips on and{' '}
            {offName === 'trained without skips'
              ? 'in the model trained without them.'
              : `with ${offName}.`}
          </>
        )
      }
    >
      <div style={streamColor} data-testid={compact ? undefined : 'highway'}>
        <HighwayDiagram
          nLayers={nLayers}
          norm={norm}
          skipStrength={skipStrength}
          measures={measures}
          gradient={gradient}
          backward={backward && grads.length > 0}
          normMax={normMax}
          gradDomain={gradDomain}
          stage={Math.min(stage, lastStage(nLayers))}
          onStage={(s) => {
            setPlaying(false);
            setStage(s);
          }}
          compact={compact}
        />
      </div>
    </ChartFrame>
  );
  return compact ? <div className="hw-beside">{frame}</div> : frame;
});
