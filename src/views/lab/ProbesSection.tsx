import { useShallow } from 'zustand/react/shallow';
import { MODEL_SLOT_NAMES, slotFor, type ProbeResult, type ProbeState } from '../../store/labSlice';
import { useApp } from '../../store/store';
import { ChartFrame, SeriesLegend } from '../chart/ChartFrame';
import { COLORS } from '../chart/palette';
import { PointLineChart, type Series } from '../chart/PointLineChart';
import { num, ofN, pct, toValues } from '../format';
import { pointTick } from '../labels';
import { LabProgress } from './LabProgress';
import { LabSection } from './LabSection';
import { SOURCE_NAMES } from './names';
import { PROBE_QUESTIONS, probeVerdict, type ProbeTaskName } from './probeVerdict';
import { useLabTraces } from './useLabTraces';
import './lab.css';

/** What the stream holds at each point, read by linear probes rather than the output layer. */
export function ProbesSection() {
  return (
    <LabSection
      id="lab-probes"
      smallModelsOnly={({ real, small }) =>
        `Measured on ${small}, not on ${real}: the probes are fitted to labels our grammar gives (each word, its position, the head noun’s number), which GPT-2’s text has not.`
      }
      title="5 · What does the stream still hold?"
      embed="probes"
      gridClass="card-grid probe-grid"
      claim={
        <>
          The claim: with skips, what the stream once held (the word, its position) stays readable
          deep into the network, while a plain stack overwrites it. Measured here, not read through
          the output layer (which mixes “which word is here” with “which word comes next”): at every
          point a linear probe is fitted on training text and scored on held-out text.
        </>
      }
    >
      <ProbeRunPanel />
      {(['word', 'position', 'agreement'] as const).map((task) => (
        <ProbeChart key={task} task={task} />
      ))}
    </LabSection>
  );
}

const TITLES: Record<ProbeTaskName, string> = {
  word: 'Which word is here?',
  position: 'Which position is this?',
  agreement: 'The head noun’s number',
};

const METHOD: Record<ProbeTaskName, string> = {
  word: 'A probe per point predicts the word at each position of held-out text, one class per word of the vocabulary.',
  position: 'A probe per point predicts the position in the training window.',
  agreement:
    'At the word before the main verb of sentences whose subject has a modifier (“the dogs that the cat sees | run”), a probe predicts whether the head noun is singular or plural. The nearer noun’s number is drawn independently, so reading it scores chance: the head’s number has to come from further back (the head noun, its determiner, or a verb inside the clause that agrees with it), which plain averaging over the words can also pick up.',
};

function ProbeRunPanel() {
  const { source, probes, ready } = useApp(
    useShallow((s) => ({ source: s.source, probes: s.probes, ready: !!s.models.residual })),
  );
  const engine = useApp((s) => s.engine);
  const running = probes.status === 'running';
  const done = probes.slots.filter((slot) => probes.results[slot]).length;
  const next = probes.slots.find((slot) => !probes.results[slot]);
  const stale = probes.source !== null && probes.source !== source && !running;
  return (
    <section className="card lab-card wide" aria-labelledby="probe-run-title">
      <h3 id="probe-run-title">Linear probes at every residual point</h3>
      <p className="hint">
        For {SOURCE_NAMES[source]}
        {source === 'trained' ? ' and their untrained twins (same architecture and seed)' : ''}:
        each probe is a linear classifier on the stream at one point, fitted on training text and
        scored on held-out text; a few seconds per model, one model at a time on the explorer’s
        engine.
      </p>
      <div className="lab-buttons">
        <button
          type="button"
          className="primary"
          onClick={() => engine?.runProbes()}
          disabled={running || !ready}
          data-testid="probe-run"
        >
          {running ? 'Probing…' : 'Run probes'}
        </button>
        {running && (
          <button type="button" onClick={() => engine?.cancelProbes()} data-testid="probe-cancel">
            Cancel
          </button>
        )}
      </div>
      {probes.slots.length > 0 && (
        <LabProgress
          testId="probe-progress"
          status={probes.status}
          rows={[
            {
              key: 'models',
              label: 'Models',
              max: probes.slots.length,
              value: done,
              ariaLabel: 'Probes, models done',
              announce: true,
              text:
                running && next
                  ? `${ofN(done, probes.slots.length)} done; probing the ${MODEL_SLOT_NAMES[next]}…`
                  : `${ofN(done, probes.slots.length)} models probed${probes.status === 'done' ? '' : ' (stopped)'}.`,
            },
          ]}
        />
      )}
      {probes.status === 'error' && (
        <p className="inline-error" role="alert">
          The probes stopped: {probes.error}
        </p>
      )}
      {stale && (
        <p className="hint" data-testid="probe-stale">
          These probes measured {SOURCE_NAMES[probes.source!]}; run them again for{' '}
          {SOURCE_NAMES[source]}.
        </p>
      )}
    </section>
  );
}

/** The series of one task: each probed model, then what guessing the most common answer scores. */
export function probeSeries(probes: ProbeState, task: ProbeTaskName): Series[] {
  const source = probes.source ?? 'trained';
  const withSkips = slotFor(source, true);
  const first = probes.slots.map((s) => probes.results[s]).find((r) => r !== undefined);
  const n = first?.[task].accuracy.length ?? 0;
  const lines: Series[] = probes.slots.flatMap((slot) => {
    const r = probes.results[slot];
    if (!r) return [];
    const skips = slot === withSkips || slot === 'init-residual';
    const untrained = source !== 'init' && slot.startsWith('init-');
    return [
      {
        id: slot,
        label: untrained ? `untrained, ${skips ? 'with' : 'without'} skips` : SKIPS_LABEL[+skips],
        color: skips ? COLORS.on : COLORS.off,
        dashed: untrained,
        faint: untrained,
        values: toValues(
          r[task].accuracy.map((v) => 100 * v),
          n,
        ),
      },
    ];
  });
  if (!first) return lines;
  return [
    ...lines,
    {
      id: 'majority',
      label: 'guessing the most common answer',
      color: COLORS.muted,
      dashed: true,
      values: Array.from({ length: n }, () => 100 * first[task].majority),
    },
  ];
}

const SKIPS_LABEL = ['without skips', 'with skips'];

function ProbeChart({ task }: { task: ProbeTaskName }) {
  const lt = useLabTraces();
  const probes = useApp((s) => s.probes);
  const source = probes.source ?? 'trained';
  const on: ProbeResult | undefined = probes.results[slotFor(source, true)];
  const off: ProbeResult | undefined = probes.results[slotFor(source, false)];
  if (!on || !off) return null;
  const series = probeSeries(probes, task);
  const twinOn = source === 'trained' ? probes.results['init-residual'] : undefined;
  const twinOff = source === 'trained' ? probes.results['init-plain'] : undefined;
  const verdict = probeVerdict(
    task,
    on[task],
    off[task],
    twinOn && twinOff ? { on: twinOn[task], off: twinOff[task] } : undefined,
  );
  const n = on[task].accuracy.length;
  const per = (r: ProbeResult) => Array.from(r[task].accuracy, pct).join(', ');
  const summary = `Probe for ${PROBE_QUESTIONS[task]}, held-out accuracy from the embedding to the last layer (${SOURCE_NAMES[source]}): with skips ${per(on)}; without skips ${per(off)}; guessing the most common answer ${pct(on[task].majority)}.`;
  return (
    <ChartFrame
      id={`probe-${task}`}
      current={n === lt.P ? lt.point : undefined}
      title={TITLES[task]}
      summary={summary}
      legend={<SeriesLegend series={series} />}
      caption={
        <>
          {METHOD[task]} Fitted on {on[task].fitted} examples, scored on {on[task].scored} held-out
          ones.{' '}
          <span data-testid={`probe-${task}-verdict`} data-holds={verdict.holds}>
            {verdict.text}
          </span>
        </>
      }
    >
      <PointLineChart
        series={series}
        nPoints={n}
        current={Math.min(lt.point, n - 1)}
        yLabel="held-out accuracy (%)"
        tick={pointTick}
        yDomain={[0, 100]}
        valueFormat={(v) => `${num(v)}%`}
        height={220}
      />
    </ChartFrame>
  );
}
