import { LabSection } from './LabSection';
import { useShallow } from 'zustand/react/shallow';
import {
  lesionSweepBusy,
  lesionSweepError,
  slotFor,
  type LesionResult,
} from '../../store/labSlice';
import { useApp } from '../../store/store';
import type { ModelSource } from '../../worker/protocol';
import { ChartFrame, ChartPending, SeriesLegend } from '../chart/ChartFrame';
import { COLORS } from '../chart/palette';
import { sublayerLabel, sublayerTick } from '../labels';
import { extremum, finiteMean, median } from '../../analysis/statistics';
import { num } from '../format';
import { SOURCE_NAMES } from './names';
import { LesionBoxes } from './LesionBoxes';
import {
  LesionCharts,
  lesionIncreases,
  lesionLossSeries,
  predictionChangeSeries,
} from './LesionLossChart';
import { SublayerLogBars } from './SublayerLogBars';
import { TRACING_NOTE, useLabTraces } from './useLabTraces';
import { useLabModel } from './useLabModel';
import { RealLesionPanel } from './RealLesionPanel';
import { freeRemovalReason } from './freeRemovals';
import { useTrainingRecord } from '../trainingRecord';
import './lab.css';

/** Claim 4: a sublayer can learn to do (almost) nothing, and the network still works. */
export function IdentitySection() {
  return (
    <LabSection
      id="lab-identity"
      title="3 · Can a layer just pass the stream on?"
      embed="identity"
      claim={
        <>
          The claim: with x + f(x) a layer can keep what is there by making f(x) ≈ 0, so information
          has a shortcut through the network. Two tests: remove a sublayer and see what breaks, and
          measure how small each f(x) is next to the x it is added to.
        </>
      }
    >
      <LesionPanel />
      <LiveLesions />
      <IdentityRatioPanel />
    </LabSection>
  );
}

function lesionSummary(
  on: LesionResult | undefined,
  off: LesionResult | undefined,
  source: ModelSource,
): string {
  if (!on || !off) return `No lesion sweep yet for ${SOURCE_NAMES[source]}.`;
  const part = (r: LesionResult, name: string) => {
    const inc = lesionIncreases(r)!;
    const top = extremum(inc, 'max');
    const pc = extremum(r.predictionChange, 'max');
    return `${name}: intact validation loss ${num(r.intact)}; removing one sublayer raises it by at most ${num(top?.v)} (${top ? sublayerTick(top.k) : '—'}), median ${num(median(inc))}; up to ${num(100 * (pc?.v ?? NaN))}% of predictions change`;
  };
  return `Lesion sweep of ${SOURCE_NAMES[source]}. ${part(on, 'With skips')}. ${part(off, 'Without skips')}.`;
}

function LesionPanel() {
  const { real } = useLabModel();
  return real ? (
    <RealLesionPanel label={real.label} nLayers={real.nLayers} />
  ) : (
    <SmallLesionPanel />
  );
}

function SmallLesionPanel() {
  const lt = useLabTraces();
  const { source, results, running, error } = useApp(
    useShallow((s) => ({
      source: s.source,
      results: s.lesionResults,
      // This pair's sweep, not GPT-2's (started while it was shown, perhaps still running).
      running: lesionSweepBusy(s, 'source'),
      error: lesionSweepError(s, 'source'),
    })),
  );
  const engine = useApp((s) => s.engine);
  const on = results[slotFor(source, true)];
  const off = results[slotFor(source, false)];
  const S = on?.lesioned.length ?? off?.lesioned.length ?? lt.S;
  const inc = lesionLossSeries(on, off, S);
  const changed = [
    predictionChangeSeries(on, 'on', 'with skips', COLORS.on, S),
    predictionChangeSeries(off, 'off', 'without skips', COLORS.off, S),
  ];
  const done = !!on && !!off;
  return (
    <section className="card lab-card wide" aria-labelledby="lesion-title">
      <h3 id="lesion-title">Lesion study: remove one sublayer, what does it cost?</h3>
      <p className="hint">
        Each sublayer in turn is removed (the stream passes it unchanged, in both models, as Veit et
        al. did with the layers of a plain VGG network) and the validation loss is measured on
        held-out text against the intact model.
      </p>
      <div className="lab-buttons">
        <button
          type="button"
          onClick={() => {
            engine?.runLesionSweep();
          }}
          disabled={running}
          className="primary"
          data-testid="lesion-run"
        >
          {running ? 'Running the lesion sweep…' : 'Run lesion sweep'}
        </button>
        <span className="hint" role="status">
          {running
            ? `Removing each sublayer of ${SOURCE_NAMES[source]} in turn…`
            : `On ${SOURCE_NAMES[source]}: 2 × ${S + 1} passes over 4 held-out batches.`}
        </span>
      </div>
      {error && !running && (
        <p className="inline-error" data-testid="lesion-error">
          The sweep stopped: {error}
        </p>
      )}
      {done && (
        <ChartFrame
          id="lesion"
          current={lt.point}
          title={`Loss increase and changed predictions, one sublayer removed (${SOURCE_NAMES[source]})`}
          summary={lesionSummary(on, off, source)}
          legend={<SeriesLegend series={inc} />}
          caption={<LesionCaption source={source} on={on} off={off} />}
        >
          <LesionCharts series={inc} changed={changed} S={S} highlight={lt.sublayer} />
        </ChartFrame>
      )}
    </section>
  );
}

/** "1a", "1a and 2m", "1a, 1m and 2m". */
function list(ks: number[]): string {
  const names = ks.map(sublayerTick);
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** What to look for, worded from the sweep's own numbers. */
function LesionCaption({
  source,
  on,
  off,
}: {
  source: ModelSource;
  on: LesionResult;
  off: LesionResult;
}) {
  const refs = useTrainingRecord()?.references ?? null;
  if (source === 'init') {
    return (
      <>
        Untrained models compute nothing useful yet, so these bars only say how much each random
        sublayer disturbs the stream. Compare with the trained pair (Models: Trained).
      </>
    );
  }
  const incOn = Array.from(lesionIncreases(on)!);
  const incOff = Array.from(lesionIncreases(off)!);
  const idx = (a: number[], keep: (v: number) => boolean) =>
    a.flatMap((v, k) => (keep(v) ? [k] : []));
  const cheapOn = idx(incOn, (v) => v < 0.2);
  const heavyOn = idx(incOn, (v) => v >= 1);
  const heavyOff = idx(incOff, (v) => v >= 1);
  const freeOff = idx(incOff, (v) => v < 0.05);
  const maxChanged = Math.max(...heavyOff.map((k) => off.predictionChange[k]));
  const reason = freeRemovalReason(off.intact, refs);
  return (
    <>
      <strong>What to look for</strong>: with skips, removing {cheapOn.length} of the {incOn.length}{' '}
      sublayers costs under 0.2 nats each
      {heavyOn.length > 0 && (
        <>
          ; {list(heavyOn)} {heavyOn.length === 1 ? 'is' : 'are'} what the rest build on (
          {heavyOn.length === 1 ? '' : 'up to '}
          {num(Math.max(...heavyOn.map((k) => incOn[k])))} nats)
        </>
      )}
      .{' '}
      {heavyOff.length > 0 && (
        <>
          Without skips, removing {list(heavyOff)} costs up to{' '}
          {num(Math.max(...heavyOff.map((k) => incOff[k])))} nats and changes up to{' '}
          {num(100 * maxChanged)}% of the predictions.{' '}
        </>
      )}
      {freeOff.length > 0 && (
        <>
          Removing {list(freeOff)} from the model without skips costs nothing.{' '}
          <span data-testid="free-removal" data-only-frequencies={String(reason.onlyFrequencies)}>
            {reason.text}
          </span>
        </>
      )}
    </>
  );
}

/** The live lesions: whatever is ticked here is removed from every view of the explorer. */
function LiveLesions() {
  const lt = useLabTraces();
  const { real } = useLabModel();
  const lesions = useApp((s) => s.lesions);
  const loss = (v: number | null | undefined) => (v === null || v === undefined ? '—' : num(v));
  return (
    <section
      className="card lab-card"
      aria-labelledby="live-lesions-title"
      data-testid="live-lesions"
    >
      <h3 id="live-lesions-title">Remove sublayers everywhere</h3>
      <p className="hint">
        Ticked sublayers are removed from{' '}
        {real ? `${real.label}, with its skips and weakened,` : 'both models'} in every view,
        explorer included, until you untick them (the link keeps them too).
      </p>
      <LesionBoxes
        count={lt.S}
        ariaLabel={(k) => `${sublayerTick(k)}: remove ${sublayerLabel(k)}`}
      />
      <p data-testid="lesion-live-loss">
        {lesions.length === 0
          ? 'Nothing removed.'
          : `Removed: ${lesions.map(sublayerTick).join(', ')}.`}{' '}
        Loss on this sentence: <span className="on-text">{lt.on.name}</span>{' '}
        <strong>{loss(lt.on.trace?.end.loss)}</strong>,{' '}
        <span className="off-text">{lt.off.name}</span>{' '}
        <strong>{loss(lt.off.trace?.end.loss)}</strong> nats per {real ? 'token' : 'word'}.
      </p>
    </section>
  );
}

function IdentityRatioPanel() {
  const lt = useLabTraces();
  const { real } = useLabModel();
  const chans = [lt.on, lt.off];
  const series = lt.measureSeries((end) => end.contributionRatio, lt.S);
  const r = chans.map((ch) => ch.trace?.end.contributionRatio);
  const describe = (name: string, v: Float32Array) => {
    const lo = extremum(v, 'min');
    const hi = extremum(v, 'max');
    return `${name}: mean ${num(finiteMean(v))}, smallest ${num(lo?.v)} (${lo ? sublayerTick(lo.k) : '—'}), largest ${num(hi?.v)} (${hi ? sublayerTick(hi.k) : '—'})`;
  };
  const frame = {
    id: 'identity',
    current: lt.point,
    title: 'How close is each sublayer to the identity?',
  };
  if (!r[0] || !r[1]) return <ChartPending {...frame} note={TRACING_NOTE} />;
  return (
    <ChartFrame
      {...frame}
      summary={`‖f(x)‖/‖x‖ per sublayer. ${describe(lt.on.name, r[0])}; ${describe(lt.off.name, r[1])}.`}
      legend={<SeriesLegend series={series} />}
      caption={
        <>
          ‖f(x)‖/‖x‖ averaged over the words, on a log scale. With skips a small ratio means the
          sublayer barely changes the stream: close to the identity.{' '}
          {real
            ? `With ${real.label}’s skips weakened now (α < 1) less of each x is carried on, so there is less identity to fall back on; at α = 0 the sublayer’s output is the whole stream.`
            : 'Without skips there is no identity to fall back on; the sublayer’s output is the whole stream.'}{' '}
          A removed sublayer has ratio 0 and no bar.
        </>
      }
    >
      <SublayerLogBars series={series} S={lt.S} highlight={lt.sublayer} yLabel="‖f(x)‖ / ‖x‖" />
    </ChartFrame>
  );
}
