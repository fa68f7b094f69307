/**
 * npm run bench: our engine beside TensorFlow.js (wasm and cpu backends) on the same GPT,
 * the same weights and the same batch, in one process, one thread.
 *
 *   npm run bench                    tables for people
 *   npm run bench -- --json          one JSON object (issue 6's shape) on stdout, progress on stderr
 *   npm run bench -- --quick         fewer repetitions, for a smoke run
 *   npm run bench -- --ts            also our engine with its plain-TS ops (the fallback)
 *   npm run bench -- --no-tfjs       our engine only
 *   npm run bench -- --only small    one configuration (--only gpt2: GPT-2 small's shape alone)
 *   npm run bench -- --no-gpt2       without GPT-2 small's shape (scripts/bench/gpt2.ts)
 *
 * It reports and never fails on a slow machine: there are no thresholds here.
 */
import { cpus } from 'node:os';
import { activeKernels, setKernelChoice } from '../src/engine/kernels/select';
import { parseArgs } from 'node:util';
import { BENCH_CONFIGS, stepFlops, type StepFlops } from './bench/configs';
import {
  LAYOUTS,
  MATMUL_SIZES,
  oursMatmulGflops,
  tfjsMatmulGflops,
  type Layout,
} from './bench/matmul';
import { benchBatch, OurRunner } from './bench/ours';
import { tfjsWasmFeatures, switchTfjsBackend, type TfjsBackend } from './bench/tfjsBackends';
import { TfjsGpt, type WeightLayout } from './bench/tfjsModel';
import { enduranceRun } from './bench/endurance';
import { benchGpt2, printGpt2 } from './bench/gpt2';
import { gflops, medianMs, type TimingOptions } from './bench/timing';

const args = parseArgs({
  options: {
    json: { type: 'boolean' },
    quick: { type: 'boolean' },
    ts: { type: 'boolean' },
    'no-tfjs': { type: 'boolean' },
    only: { type: 'string' },
    'no-gpt2': { type: 'boolean' },
  },
}).values;
const json = args.json === true;
const quick = args.quick === true;
const withTfjs = args['no-tfjs'] !== true;
const onlyGpt2 = args.only === 'gpt2';
const withGpt2 = args['no-gpt2'] !== true && (args.only === undefined || onlyGpt2);
const configs = BENCH_CONFIGS.filter((c) => args.only === undefined || c.name === args.only);
if (configs.length === 0 && !onlyGpt2)
  throw new Error(
    `--only must name one of: ${[...BENCH_CONFIGS.map((c) => c.name), 'gpt2'].join(', ')}`,
  );

/** Progress and tables go to stdout, or to stderr when stdout carries the JSON. */
const say = (line = ''): void => {
  (json ? process.stderr : process.stdout).write(line + '\n');
};

interface Timings {
  forwardMs: number;
  trainMs: number;
  forwardGflops: number;
  trainGflops: number;
}

interface TfjsTimings extends Timings {
  /** |loss_tfjs − loss_ours| on the same weights and batch, before any update */
  lossDiff: number;
  /** |‖g‖_tfjs − ‖g‖_ours| / ‖g‖_ours, the global gradient norms (not run on tfjs-cpu) */
  gradNormRelDiff: number | null;
}

type TfjsEngine = 'tfjsWasm' | 'tfjsWasmIo' | 'tfjsCpu';
const TFJS_ENGINES: Record<
  TfjsEngine,
  { backend: TfjsBackend; layout: WeightLayout; label: string }
> = {
  tfjsWasm: { backend: 'wasm', layout: 'torch', label: 'tfjs-wasm' },
  tfjsWasmIo: { backend: 'wasm', layout: 'io', label: 'tfjs-wasm-io' },
  tfjsCpu: { backend: 'cpu', layout: 'torch', label: 'tfjs-cpu' },
};

interface ConfigResult {
  name: string;
  skips: boolean;
  flops: StepFlops;
  ours: Timings;
  /** our engine with the WebAssembly kernels switched off (--ts) */
  oursTs?: Timings;
  tfjsWasm?: TfjsTimings;
  /** tfjs-wasm with weights stored [in, out], so its forward products need no transpose */
  tfjsWasmIo?: TfjsTimings;
  tfjsCpu?: TfjsTimings;
  /** ours / theirs in ms: below 1 means ours is faster */
  ratios: Partial<Record<TfjsEngine, { forward: number; train: number }>>;
}

/**
 * Repetitions per measurement, bounded so the whole run takes about two minutes on an idle
 * two-core machine. TensorFlow.js on wasm is warmed by the loss and gradient checks (a
 * forward, and a forward with its backward) and one more run; tfjs-cpu, seconds a step, is
 * warmed by its loss check (forward) and one train step, then timed once at least.
 */
function budget(engine: 'ours' | 'oursTs' | TfjsEngine): TimingOptions {
  const s = quick ? 0.3 : 1;
  switch (engine) {
    case 'ours':
      return { warmup: 3, reps: 30, minReps: 5, budgetMs: 500 * s };
    case 'oursTs':
      return { warmup: 1, reps: 10, minReps: 2, budgetMs: 800 * s };
    case 'tfjsCpu':
      return { warmup: 0, reps: 3, minReps: 1, budgetMs: 1000 * s };
    default:
      return { warmup: 1, reps: 10, minReps: 3, budgetMs: 500 * s };
  }
}

function time(
  forward: () => void,
  train: () => void,
  flops: StepFlops,
  opts: TimingOptions,
): Timings {
  const forwardMs = medianMs(forward, opts);
  // A train step is always warmed once at least: its first run also creates the optimiser state.
  const trainMs = medianMs(train, { ...opts, warmup: Math.max(1, opts.warmup ?? 0) });
  return {
    forwardMs,
    trainMs,
    forwardGflops: gflops(flops.forward, forwardMs),
    trainGflops: gflops(flops.train, trainMs),
  };
}

async function benchConfigs(): Promise<ConfigResult[]> {
  const results: ConfigResult[] = [];
  for (const cfg of configs) {
    for (const skips of [true, false]) {
      say(`${cfg.name}, skips ${skips ? 'on' : 'off'}…`);
      const batch = benchBatch(cfg);
      const flops = stepFlops(cfg.model, cfg.batch);
      const ours = new OurRunner(cfg, skips ? 1 : 0, batch);
      // Compare on the untouched initial weights first: timing the train step changes them.
      const ourLoss = ours.forward();
      ours.model.backward(ours.model.workspace(batch.B, batch.T));
      const ourGradNorm = ours.model.gradNorm();
      const result: ConfigResult = { name: cfg.name, skips, flops, ours: undefined!, ratios: {} };
      if (withTfjs) {
        for (const [engine, spec] of Object.entries(TFJS_ENGINES) as [
          TfjsEngine,
          (typeof TFJS_ENGINES)[TfjsEngine],
        ][]) {
          await switchTfjsBackend(spec.backend);
          const tfModel = new TfjsGpt(ours.model, batch, spec.layout);
          const lossDiff = Math.abs(tfModel.forward() - ourLoss);
          // tfjs-cpu takes seconds a backward pass: the wasm backends check the gradients.
          const gradNormRelDiff =
            spec.backend === 'cpu'
              ? null
              : Math.abs(tfModel.gradNorm() - ourGradNorm) / ourGradNorm;
          const t = time(
            () => tfModel.forward(),
            () => tfModel.trainStep(),
            flops,
            budget(engine),
          );
          tfModel.dispose();
          result[engine] = { ...t, lossDiff, gradNormRelDiff };
        }
      }
      result.ours = time(
        () => ours.forward(),
        () => ours.trainStep(),
        flops,
        budget('ours'),
      );
      if (args.ts === true) {
        setKernelChoice('ts');
        result.oursTs = time(
          () => ours.forward(),
          () => ours.trainStep(),
          flops,
          budget('oursTs'),
        );
        setKernelChoice('auto');
      }
      for (const engine of Object.keys(TFJS_ENGINES) as TfjsEngine[]) {
        const t = result[engine];
        if (t)
          result.ratios[engine] = {
            forward: result.ours.forwardMs / t.forwardMs,
            train: result.ours.trainMs / t.trainMs,
          };
      }
      results.push(result);
    }
  }
  return results;
}

interface MatmulResult {
  n: number;
  layout: Layout;
  /** GFLOP/s */
  ours: number;
  tfjsWasm?: number;
}

async function benchMatmul(): Promise<MatmulResult[]> {
  say('matmul…');
  const results: MatmulResult[] = [];
  for (const n of MATMUL_SIZES)
    for (const layout of LAYOUTS) results.push({ n, layout, ours: oursMatmulGflops(n, layout) });
  if (withTfjs) {
    await switchTfjsBackend('wasm');
    for (const r of results) r.tfjsWasm = tfjsMatmulGflops(r.n, r.layout);
  }
  return results;
}

const fix = (v: number, digits = 2): string => v.toFixed(digits);
const pad = (s: string, n: number): string => s.padStart(n);

function printConfigs(results: ConfigResult[]): void {
  say();
  say(
    'Median ms of a forward pass (with the loss) and of a train step (forward + backward + optimiser);',
  );
  say(
    'GFLOP/s of the analytic matmul FLOPs; ours/it = our ms over its ms (below 1: ours is faster).',
  );
  say(
    'config skips engine          fwd ms  train ms  MFLOP/step  fwd GF/s  train GF/s  ours/it fwd  ours/it train',
  );
  for (const r of results) {
    const rows: [string, Timings, { forward: number; train: number } | undefined][] = [
      ['ours', r.ours, undefined],
    ];
    if (r.oursTs)
      rows.push([
        'ours (TS ops)',
        r.oursTs,
        {
          forward: r.ours.forwardMs / r.oursTs.forwardMs,
          train: r.ours.trainMs / r.oursTs.trainMs,
        },
      ]);
    for (const engine of Object.keys(TFJS_ENGINES) as TfjsEngine[]) {
      const t = r[engine];
      if (t) rows.push([TFJS_ENGINES[engine].label, t, r.ratios[engine]]);
    }
    for (const [label, t, ratio] of rows) {
      say(
        [
          r.name.padEnd(6),
          (r.skips ? 'on' : 'off').padEnd(5),
          label.padEnd(14),
          pad(fix(t.forwardMs), 7),
          pad(fix(t.trainMs), 9),
          pad(fix(r.flops.train / 1e6, 1), 11),
          pad(fix(t.forwardGflops), 9),
          pad(fix(t.trainGflops), 11),
          pad(ratio ? fix(ratio.forward, 3) : '', 12),
          pad(ratio ? fix(ratio.train, 3) : '', 14),
        ].join(' '),
      );
    }
  }
  if (!withTfjs) return;
  say();
  say(
    'Same weights, same batch, before any update: |loss difference|, relative gradient-norm difference',
  );
  for (const r of results) {
    for (const engine of Object.keys(TFJS_ENGINES) as TfjsEngine[]) {
      const t = r[engine]!;
      say(
        `${r.name.padEnd(6)} ${(r.skips ? 'on' : 'off').padEnd(4)} ${TFJS_ENGINES[engine].label.padEnd(13)} loss ${t.lossDiff.toExponential(2)}  grad norm ${t.gradNormRelDiff === null ? '-' : t.gradNormRelDiff.toExponential(2)}`,
      );
    }
  }
}

function printMatmul(results: MatmulResult[]): void {
  say();
  say('Matmul n×n·n×n, GFLOP/s (ours includes copying the operands in and the result out)');
  say('   n  layout   ours  tfjs-wasm  ours/tfjs');
  for (const r of results) {
    const tf = r.tfjsWasm;
    say(
      `${pad(String(r.n), 4)}  ${r.layout.padEnd(5)} ${pad(fix(r.ours), 6)} ${pad(tf === undefined ? '-' : fix(tf), 10)} ${pad(tf === undefined ? '-' : fix(r.ours / tf), 10)}`,
    );
  }
}

const started = performance.now();
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  node: process.version,
  kernels: activeKernels(),
  tfjsWasm: withTfjs ? (await switchTfjsBackend('wasm'), tfjsWasmFeatures()) : null,
};
say(
  `machine: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}; our Float32 ops: ${machine.kernels}`,
);
if (machine.tfjsWasm)
  say(
    `tfjs-wasm: SIMD ${machine.tfjsWasm.simd ? 'on' : 'off'}, threads ${machine.tfjsWasm.threads ? 'on' : 'off'}`,
  );
const configResults = onlyGpt2 ? [] : await benchConfigs();
const matmul = onlyGpt2 ? [] : await benchMatmul();
if (!onlyGpt2) {
  printConfigs(configResults);
  printMatmul(matmul);
}
const gpt2 = withGpt2 ? await benchGpt2(quick ? { reps: 3, minReps: 1 } : {}, say) : null;
if (gpt2) printGpt2(gpt2, say);
const endurance = onlyGpt2 ? null : await enduranceRun(quick ? 5_000 : 20_000);
if (endurance) {
  say();
  say(
    `endurance: ${endurance.steps} lab training steps in ${fix(endurance.seconds, 1)} s, peak heap ${fix(endurance.peakHeapMB, 1)} MB, ` +
      `history kept to ${endurance.historyPoints} points`,
  );
}
const seconds = (performance.now() - started) / 1000;
say();
say(`bench took ${fix(seconds, 1)} s`);
if (json)
  process.stdout.write(
    JSON.stringify({ machine, configs: configResults, matmul, gpt2, endurance, seconds }, null, 2) +
      '\n',
  );
