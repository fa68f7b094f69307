/**
 * npm run experiment -- <name> [--json] [--layers N] [--skips on|off] [--norm pre|post|none]
 *                      [--steps N] [--seed N] [--init NAME] [--lr X]
 *                      [--model FILE [--config config.json] [--text "..."]]
 * npm run experiment -- probe [--json] [--skips on|off] [--source trained|init] [--init NAME]
 *
 * Runs one of the lab's experiments in Node, through the same code as the worker
 * (src/analysis/experiments.ts), and prints its per-layer arrays: as JSON with --json, else as
 * one line per array.
 *
 * Which model:
 *   --model FILE                   that safetensors file: ours, or GPT-2's as Hugging Face
 *                                  publishes it (config.json from --config or beside it). GPT-2
 *                                  is measured on the lab's 4 windows of 32 tokens of English
 *                                  (src/data/englishSample.ts TEXT_WINDOWS), each after
 *                                  <|endoftext|>: --text, or src/data/englishSample.ts; it is
 *                                  loaded for inference, so gradient-flow (which compares
 *                                  parameter gradients) refuses it
 *   --layers/--norm/--steps given  a fresh model (C = 32, 4 heads, context 16), trained --steps
 *                                  steps (default 0) from --seed with skips --skips (default on),
 *                                  initialised by --init (default: the network's own, see
 *                                  engine/config.ts defaultInitFor), learning rate --lr
 *   otherwise                      public/models/residual.safetensors (or plain.safetensors with
 *                                  --skips off) when it exists, else a fresh untrained model
 *
 * For gradient-flow on a fresh model it reports the gradients at initialisation and after
 * training, as the lab's depth sweep does, over the same SWEEP_BATCHES validation batches, so
 * its firstOverLast (‖∂L/∂x_0‖ / ‖∂L/∂x_2L‖, embedding over after the last sublayer) is the
 * lab's and the tour's number. That ratio moves with the batches averaged (see SWEEP_BATCHES):
 * 16 pre-LN layers without skips from Xavier's init give 23 over the 2 used, 7.6 over 4.
 *
 * probe fits linear probes at every residual point (src/analysis/probes.ts) of the shipped model
 * with or without skips (--source trained), or of its untrained twin (--source init: the shipped
 * architecture and seed, freshly initialised), and prints held-out accuracy per point for the
 * word, the position and the head noun's number.
 */
import { parseArgs } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import type { TextTokenizer } from '../src/data/textTokenizer';
import { wordTokenizer } from '../src/data/tokenizer';
import { gradientDepthSweep, runToEnd, SWEEP_DEFAULTS } from '../src/analysis/depthSweep';
import { SWEEP_BATCHES } from '../src/analysis/depthRows';
import {
  EXPERIMENT_NAMES,
  isExperimentName,
  runExperiment,
  type ExperimentName,
} from '../src/analysis/experiments';
import { streamProbes } from '../src/analysis/probes';
import { measuringWindows } from '../src/analysis/textBatches';
import {
  INIT_SCHEMES,
  MAX_LAYERS,
  NORM_PLACEMENTS,
  type InitScheme,
  type NormPlacement,
} from '../src/engine/config';
import { Model } from '../src/engine/model';
import { deserializeModel } from '../src/engine/modelFile';
import { DivergenceError, Trainer } from '../src/training/trainer';
import { readModel } from './readModel';

const USAGE =
  'usage: npm run experiment -- <name> [--json] [--layers N] [--skips on|off] ' +
  '[--norm pre|post|none] [--steps N] [--seed N] [--init NAME] [--lr X]\n' +
  '         [--model FILE [--config config.json] [--text "..."]]\n' +
  '       npm run experiment -- probe [--json] [--skips on|off] [--source trained|init] [--init NAME]\n' +
  `names: ${EXPERIMENT_NAMES.join(', ')}, probe`;

const MODELS_DIR = 'public/models';

interface Options {
  name: ExperimentName | 'probe';
  json: boolean;
  seed: number;
  skipStrength: number;
  /** Undefined: the network's own (defaultInitFor). */
  init?: InitScheme;
  lr?: number;
  model?: string;
  /** GPT-2's config.json (else the one beside the model file) and the text it is measured on. */
  config?: string;
  text?: string;
  fresh?: { layers: number; norm: NormPlacement; steps: number };
  /** probe only: the shipped model or its untrained twin. */
  source: 'trained' | 'init';
}

function int(name: string, raw: string, min: number, max: number): number {
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(v) || v < min || v > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max}, got ${String(v)}`);
  }
  return v;
}

function oneOf<T extends string>(name: string, v: string, allowed: readonly T[]): T {
  if (!allowed.includes(v as T)) {
    const choices = `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`;
    throw new Error(`--${name} must be ${choices}, got ${JSON.stringify(v)}`);
  }
  return v as T;
}

function parse(argv: string[]): Options {
  const [name, ...rest] = argv;
  if (name === undefined || name.startsWith('--'))
    throw new Error(`name an experiment first\n${USAGE}`);
  if (!isExperimentName(name) && name !== 'probe') {
    throw new Error(`unknown experiment ${JSON.stringify(name)}\n${USAGE}`);
  }
  let a;
  try {
    a = parseArgs({
      args: rest,
      options: {
        json: { type: 'boolean' },
        layers: { type: 'string' },
        skips: { type: 'string' },
        norm: { type: 'string' },
        steps: { type: 'string' },
        seed: { type: 'string' },
        init: { type: 'string' },
        lr: { type: 'string' },
        model: { type: 'string' },
        config: { type: 'string' },
        text: { type: 'string' },
        source: { type: 'string' },
      },
    }).values;
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`, { cause: e });
  }
  const skips = a.skips === undefined ? 'on' : oneOf('skips', a.skips, ['on', 'off'] as const);
  const lr = a.lr === undefined ? undefined : Number(a.lr);
  if (lr !== undefined && !(lr > 0 && Number.isFinite(lr))) {
    throw new Error(`--lr must be a positive number, got ${JSON.stringify(a.lr)}`);
  }
  const opts: Options = {
    name,
    json: a.json === true,
    seed: a.seed === undefined ? 1 : int('seed', a.seed, 0, 0xffffffff),
    skipStrength: skips === 'on' ? 1 : 0,
    init: a.init === undefined ? undefined : oneOf('init', a.init, INIT_SCHEMES),
    lr,
    source:
      a.source === undefined ? 'trained' : oneOf('source', a.source, ['trained', 'init'] as const),
  };
  if (a.source !== undefined && name !== 'probe') throw new Error('--source is for probe only');
  if ((a.config !== undefined || a.text !== undefined) && a.model === undefined) {
    throw new Error('--config and --text go with --model (a GPT-2 file)');
  }
  const freshFlags = (['layers', 'norm', 'steps', 'init', 'lr'] as const).filter(
    (f) => a[f] !== undefined,
  );
  if (name === 'probe') {
    const fresh = freshFlags.filter((f) => f !== 'init');
    if (fresh.length > 0 || a.model !== undefined) {
      throw new Error('probe measures the shipped models: use --skips, --source and --init');
    }
    return opts;
  }
  if (typeof a.model === 'string') {
    if (freshFlags.length > 0 || a.skips !== undefined) {
      const flags = [...freshFlags, ...(a.skips !== undefined ? ['skips'] : [])];
      throw new Error(
        `--model loads a finished model; ${flags.map((f) => '--' + f).join(', ')} describe a fresh one. Use one or the other.`,
      );
    }
    if (!existsSync(a.model)) throw new Error(`no model file at ${a.model}`);
    opts.model = a.model;
    opts.config = a.config;
    opts.text = a.text;
  } else if (freshFlags.length > 0) {
    opts.fresh = {
      layers: a.layers === undefined ? 4 : int('layers', a.layers, 1, MAX_LAYERS),
      norm: a.norm === undefined ? 'pre' : oneOf('norm', a.norm, NORM_PLACEMENTS),
      steps: a.steps === undefined ? 0 : int('steps', a.steps, 0, 1_000_000),
    };
  } else {
    const file = `${MODELS_DIR}/${skips === 'on' ? 'residual' : 'plain'}.safetensors`;
    if (existsSync(file)) opts.model = file;
    else opts.fresh = { layers: 4, norm: 'pre', steps: 0 };
  }
  return opts;
}

function progress(step: number, total: number, loss: number): void {
  if (step === total || step % 10 === 0) {
    process.stderr.write(`  step ${step}/${total}  loss ${loss.toFixed(3)}\n`);
  }
}

/** A fresh model of the depth sweep's shape, trained `steps` steps. */
function trainFresh(o: Options, fresh: NonNullable<Options['fresh']>): Model {
  const { batchSize, ...shape } = SWEEP_DEFAULTS;
  const trainer = new Trainer({
    model: {
      ...shape,
      nLayers: fresh.layers,
      norm: fresh.norm,
      skipStrength: o.skipStrength,
      init: o.init,
      seed: o.seed,
    },
    optimizer: { warmupSteps: Math.min(10, fresh.steps), ...(o.lr ? { lr: o.lr } : {}) },
    dataSeed: o.seed,
    batchSize,
    validBatches: 1,
  });
  for (let s = 1; s <= fresh.steps; s++) {
    try {
      progress(s, fresh.steps, trainer.step().loss);
    } catch (e) {
      if (!(e instanceof DivergenceError)) throw e;
      process.stderr.write(`training stopped: ${e.message}; measuring the model as it is\n`);
      break;
    }
  }
  return trainer.model;
}

/** The shipped model (skips on or off), or the same architecture and seed untrained. */
function probe(o: Options): unknown {
  const file = `${MODELS_DIR}/${o.skipStrength === 1 ? 'residual' : 'plain'}.safetensors`;
  if (!existsSync(file)) throw new Error(`no model file at ${file}; run npm run train first`);
  const shipped = deserializeModel(readFileSync(file)).model;
  const model =
    o.source === 'trained'
      ? shipped
      : new Model({ ...shipped.config, init: o.init ?? shipped.config.init });
  if (o.source === 'trained' && o.init)
    throw new Error('--init describes an untrained model: add --source init');
  return {
    experiment: 'probe',
    model: {
      source: o.source === 'trained' ? file : `untrained twin of ${file}`,
      config: model.config,
    },
    ...streamProbes(model, { seed: o.seed }),
  };
}

/**
 * A model file with what it is measured on: our models on the grammar's validation windows from
 * the seed, GPT-2 on windows of English (given or the built-in sample).
 */
async function fromFile(o: Options, file: string) {
  const { model, tokenizer } = await readModel(file, o.config);
  if (tokenizer === wordTokenizer) {
    if (o.text !== undefined) {
      throw new Error(
        '--text is for a model with its own tokenizer (GPT-2); ours measure on their grammar from --seed',
      );
    }
    return { model, tokenizer, text: null, windows: undefined };
  }
  if (model.inference && o.name === 'gradient-flow') {
    throw new Error(
      'gradient-flow compares parameter gradients per layer, and GPT-2 is loaded for inference, without them; ' +
        "its ∂loss/∂stream norms are in npm run trace's streamGradNorms",
    );
  }
  // The lab's windows (TEXT_WINDOWS), so a lesion sweep here gives the lab's numbers.
  const windows = measuringWindows(model, tokenizer, o.text);
  const text = o.text === undefined ? 'src/data/englishSample.ts' : '--text';
  const length = windows[0].length;
  return { model, tokenizer, text: { source: text, windows: windows.length, length }, windows };
}

async function run(o: Options): Promise<unknown> {
  if (o.name === 'probe') return probe(o);
  const source = o.model ?? `fresh, trained ${o.fresh!.steps} steps`;
  if (o.fresh && o.name === 'gradient-flow') {
    const [r] = runToEnd(
      gradientDepthSweep({
        layers: o.fresh.layers,
        norm: o.fresh.norm,
        skipStrength: o.skipStrength,
        init: o.init,
        trainSteps: o.fresh.steps,
        seed: o.seed,
        batches: SWEEP_BATCHES,
        optimizer: o.lr ? { lr: o.lr } : undefined,
      }),
      (p) => p.step > 0 && progress(p.step, p.totalSteps, p.loss),
    );
    return {
      experiment: o.name,
      model: { source, config: r.config },
      init: r.init,
      trained: r.trained,
      diverged: r.diverged,
    };
  }
  const measured: {
    model: Model;
    tokenizer: TextTokenizer;
    text: unknown;
    windows?: Int32Array[];
  } = o.model
    ? await fromFile(o, o.model)
    : { model: trainFresh(o, o.fresh!), tokenizer: wordTokenizer, text: null };
  const { model, tokenizer } = measured;
  const { name, ...result } = runExperiment(o.name, model, {
    seed: o.seed,
    windows: measured.windows,
  });
  const words = 'firstTokens' in result ? { firstWords: tokenizer.pieces(result.firstTokens) } : {};
  return {
    experiment: name,
    model: { source, tokenizer: tokenizer.name, config: model.config },
    ...(measured.text ? { text: measured.text } : {}),
    ...result,
    ...words,
  };
}

/** Typed arrays as plain arrays, numbers to 6 significant digits; NaN and ±Infinity become null. */
function plain(_key: string, v: unknown): unknown {
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, round);
  return typeof v === 'number' ? round(v) : v;
}

function round(v: number): number | null {
  return Number.isFinite(v) ? Number(v.toPrecision(6)) : null;
}

/** Indented JSON with each array of plain values (no objects or arrays inside) on one line. */
function toJson(value: unknown): string {
  return JSON.stringify(value, plain, 2).replace(/\[[^[\]{}]*\]/g, (flat) =>
    flat
      .replace(/\s*\n\s*/g, ' ')
      .replace('[ ', '[')
      .replace(' ]', ']'),
  );
}

/** One line per array or number, nested keys joined with dots. */
function lines(value: unknown, prefix = ''): string[] {
  if (ArrayBuffer.isView(value) || Array.isArray(value)) {
    const items = Array.from(value as ArrayLike<unknown>);
    if (items.length > MAX_SHOWN) return [`${prefix}: (${items.length} values; see --json)`];
    if (items.every((x) => typeof x === 'number')) {
      return [`${prefix}: ${(items as number[]).map(show).join(' ')}`];
    }
    return [`${prefix}: ${items.map(String).join(' ')}`];
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => lines(v, prefix ? `${prefix}.${k}` : k));
  }
  return [`${prefix}: ${typeof value === 'number' ? show(value) : String(value)}`];
}

/** Longer arrays (per-position detail) only go to --json. */
const MAX_SHOWN = 64;

function show(x: number): string {
  if (!Number.isFinite(x)) return '–';
  return Number.isInteger(x) ? String(x) : x.toPrecision(3);
}

async function main(): Promise<void> {
  const opts = parse(process.argv.slice(2));
  const out = await run(opts);
  process.stdout.write(opts.json ? toJson(out) + '\n' : lines(out).join('\n') + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`experiment: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
