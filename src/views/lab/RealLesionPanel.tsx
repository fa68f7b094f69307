import { useShallow } from 'zustand/react/shallow';
import { TEXT_WINDOWS } from '../../data/englishSample';
import { lesionMeasure } from '../../analysis/lesionCost';
import { extremum, median } from '../../analysis/statistics';
import { lesionSweepError, type LesionResult } from '../../store/labSlice';
import { sublayerCount } from '../../store/positions';
import { useApp } from '../../store/store';
import { ChartFrame, SeriesLegend } from '../chart/ChartFrame';
import { COLORS } from '../chart/palette';
import { sublayerLabel } from '../labels';
import { num, toValues } from '../format';
import { LesionCharts, lesionIncreases, predictionChangeSeries } from './LesionLossChart';
import { useLabTraces } from './useLabTraces';
import './lab.css';

/**
 * Removing a sublayer that costs under this many nats raises the perplexity e^loss by at most 5%
 * (e^0.05 ≈ 1.05): a change a reader would not notice in the model's text. It is also the level
 * the small models' caption calls free.
 */
const CHEAP_NATS = 0.05;

/** What the sweep found, in numbers: the largest cost and where, the median, the cheap ones. */
function findings(r: LesionResult) {
  const m = lesionMeasure(r, CHEAP_NATS);
  return {
    increases: m.increases,
    top: m.dearest,
    median: median(m.increases),
    cheap: m.cheap.length,
    /** Whether removing any one sublayer raises the loss at all (on a random model none may). */
    raises: (m.dearest?.v ?? 0) > 0,
    /** Sublayers whose removal lowers the loss on this text. */
    helps: m.increases.filter((v) => v < 0).length,
    changed: extremum(r.predictionChange, 'max'),
  };
}

const where = (p: { k: number } | null) => (p ? sublayerLabel(p.k) : '—');
const pct = (v: number | undefined) => `${num(100 * (v ?? NaN))}%`;

function summaryOf(label: string, r: LesionResult): string {
  const f = findings(r);
  return (
    `Lesion sweep of ${label} on ${TEXT_WINDOWS.count} windows of ${TEXT_WINDOWS.length} tokens of English: ` +
    `intact loss ${num(r.intact)} nats per token; ` +
    (f.raises
      ? `removing one sublayer raises it by at most ${num(f.top?.v)} (${where(f.top)})`
      : `no single removal raises it (removing ${where(f.top)} lowers it least, by ${num(-(f.top?.v ?? NaN))})`) +
    `, median ${num(f.median)}; ${f.cheap} of ${f.increases.length} ` +
    `cost under ${CHEAP_NATS} nats; up to ${pct(f.changed?.v)} of predictions change (${where(f.changed)}).`
  );
}

/** The caption, worded from the sweep's own numbers. */
function Caption({ label, r }: { label: string; r: LesionResult }) {
  const f = findings(r);
  const S = f.increases.length;
  return (
    <span data-testid="real-lesion-caption">
      Intact, {label} scores {num(r.intact)} nats per token on this text.{' '}
      {f.raises ? (
        <>
          Removing {where(f.top)} costs the most: <strong>{num(f.top?.v)} nats</strong>
        </>
      ) : (
        <>
          <strong>No single removal raises the loss</strong> on this text: removing {where(f.top)}{' '}
          lowers it least, by {num(-(f.top?.v ?? NaN))} nats
        </>
      )}
      {f.top && <>, and {pct(r.predictionChange[f.top.k])} of its top predictions change</>}. The
      median sublayer costs {num(f.median)} nats, and{' '}
      <strong>
        {f.cheap} of the {S}
      </strong>{' '}
      cost under {CHEAP_NATS} nats each (the perplexity rises by at most 5%).
      {f.helps > 0 && (
        <> Removing {f.helps === 1 ? 'one' : f.helps} of them even lowers the loss on this text.</>
      )}{' '}
      One pass of {TEXT_WINDOWS.count} × {TEXT_WINDOWS.length} tokens per bar: a small sample, so
      differences of a few hundredths of a nat between sublayers say little.
    </span>
  );
}

/**
 * The lesion sweep of the real model, while the explorer shows it: one series, as there is no
 * GPT-2 trained without skips. It runs in the explorer's engine a pass at a time (store/labBridge.ts),
 * and its result is kept as `lesionResults.gpt2`, which the tour reads too.
 */
export function RealLesionPanel({ label, nLayers }: { label: string; nLayers: number }) {
  const lt = useLabTraces();
  const { result, progress, error } = useApp(
    useShallow((s) => ({
      result: s.lesionResults.gpt2,
      progress: s.lesionProgress.gpt2,
      error: lesionSweepError(s, 'gpt2'),
    })),
  );
  const busy = progress !== undefined;
  const engine = useApp((s) => s.engine);
  const S = sublayerCount(nLayers);
  const series = [
    { id: 'gpt2', label, color: COLORS.on, values: toValues(lesionIncreases(result), S) },
  ];
  const changed = [predictionChangeSeries(result, 'gpt2', label, COLORS.on, S)];
  return (
    <section className="card lab-card wide" aria-labelledby="lesion-title">
      <h3 id="lesion-title">Lesion study: remove one sublayer of {label}, what does it cost?</h3>
      <p className="hint">
        Each of its {S} sublayers in turn is removed (the stream passes it unchanged) and the mean
        next-token loss is measured on {TEXT_WINDOWS.count} windows of {TEXT_WINDOWS.length} tokens
        of plain English, against the intact model: {S + 1} passes, each starting where its lesion
        is, as <code>npm run experiment -- lesion --model FILE</code> does on the same text.
      </p>
      <p className="hint" data-testid="lesion-real-model">
        One series: there is no GPT-2 trained without skips to compare with.
      </p>
      <div className="lab-buttons">
        {busy ? (
          <button type="button" onClick={() => engine?.cancelLesionSweep('gpt2')}>
            Cancel
          </button>
        ) : (
          // The sweep reads fixed windows of English through the model as loaded: run again, it
          // would give the same figures, so once they are shown it is not offered.
          !result && (
            <button
              type="button"
              onClick={() => engine?.runLesionSweep('gpt2')}
              className="primary"
              data-testid="lesion-run"
            >
              Run lesion sweep on {label}
            </button>
          )
        )}
        <span className="hint" role="status">
          {busy
            ? progress.done > 0
              ? `Pass ${progress.done} of ${progress.total}: the explorer keeps tracing between passes.`
              : 'Starting…'
            : error
              ? ''
              : `${S + 1} passes of ${label}, in the engine that traces the explorer.`}
        </span>
        {busy && (
          <progress
            max={S + 1}
            value={progress.done}
            aria-label="Lesion sweep progress"
            data-testid="lesion-progress"
          />
        )}
      </div>
      {error && !busy && (
        <p className="inline-error" data-testid="lesion-error">
          The sweep stopped: {error}
        </p>
      )}
      {result && result.lesioned.length === S && (
        <ChartFrame
          id="lesion"
          current={lt.point}
          title={`Loss increase and changed predictions, one sublayer of ${label} removed`}
          summary={summaryOf(label, result)}
          legend={<SeriesLegend series={series} />}
          caption={<Caption label={label} r={result} />}
        >
          <LesionCharts series={series} changed={changed} S={S} highlight={lt.sublayer} />
        </ChartFrame>
      )}
    </section>
  );
}
