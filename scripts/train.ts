/**
 * npm run train: trains the shipped models in Node and writes them, with a manifest, to
 * public/models/. The model with skips (α = 1) and the one without (α = 0) share the
 * architecture, the initialisation seed and the exact sequence of batches; they train at the
 * same time in two processes (one per core). Each is made fair on its own terms:
 *
 *   - its own initialisation (engine/config.ts, defaultInitFor), unless --init names one;
 *   - its own learning rate: each of TRAINING.lrSweep (or --lr) runs TRAINING.sweepSteps
 *     steps, the one with the lowest validation loss goes on;
 *   - trained until the validation loss has not improved for TRAINING.patience evaluations
 *     (or its own maxSteps in shipped.ts, or --max-minutes of wall clock); the best weights are kept.
 *
 * The manifest records for each model its init, learning rate, the sweep, the steps, the
 * curves and its agreement accuracy, and the reference losses every chart can draw.
 *
 *   npm run train [-- --out DIR --init NAME --lr 3e-3,1e-2 --sweep-steps N --max-steps N --max-minutes M]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { agreementAccuracy, type AgreementScore } from '../src/analysis/agreementAccuracy';
import { agreementProbes } from '../src/data/agreementProbes';
import { bigramValidationLoss, unigramValidationLoss } from '../src/data/bigram';
import { splitStream } from '../src/data/batches';
import { LANGUAGE_ENTROPY_NOTE, languageEntropy } from '../src/data/grammarEntropy';
import { vocabSize } from '../src/data/tokenizer';
import { INIT_SCHEMES, type InitScheme } from '../src/engine/config';
import { serializeModel } from '../src/engine/modelFile';
import { DivergenceError, Trainer } from '../src/training/trainer';
import { SHIPPED_MODELS, TRAINING, type ShippedModel } from './shipped';

interface CurvePoint {
  step: number;
  train: number;
  valid: number;
}

interface RunResult {
  id: string;
  file: string;
  label: string;
  config: Trainer['model']['config'];
  lr: number;
  /** Validation loss after the sweep's steps for each learning rate tried (null: diverged). */
  lrSweep: { lr: number; validLoss: number | null }[];
  dataSeed: number;
  /** Steps of the weights shipped (the best validation loss), and steps run in all. */
  steps: number;
  stepsRun: number;
  stoppedBecause: string;
  batchSize: number;
  finalTrainLoss: number;
  finalValidLoss: number;
  agreement: AgreementScore;
  lossCurve: CurvePoint[];
  seconds: number;
}

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: 'public/models' },
    only: { type: 'string' },
    init: { type: 'string' },
    lr: { type: 'string' },
    'sweep-steps': { type: 'string' },
    'max-steps': { type: 'string' },
    'max-minutes': { type: 'string' },
  },
});
const outDir = args.out;

function positive(flag: string, raw: string): number {
  const v = Number(raw);
  if (!(v > 0) || !Number.isFinite(v))
    throw new Error(`--${flag} must be a positive number, got ${raw}`);
  return v;
}
if (args.init !== undefined && !INIT_SCHEMES.includes(args.init as InitScheme)) {
  throw new Error(`--init must be one of ${INIT_SCHEMES.join(', ')}, got ${args.init}`);
}
const init = args.init as InitScheme | undefined;
const lrs = args.lr ? args.lr.split(',').map((x) => positive('lr', x)) : [...TRAINING.lrSweep];
const sweepSteps = args['sweep-steps']
  ? positive('sweep-steps', args['sweep-steps'])
  : TRAINING.sweepSteps;
const maxStepsFlag = args['max-steps'] ? positive('max-steps', args['max-steps']) : undefined;
const maxStepsOf = (spec: ShippedModel): number => maxStepsFlag ?? spec.maxSteps;
const maxSeconds = args['max-minutes']
  ? 60 * positive('max-minutes', args['max-minutes'])
  : Infinity;

function makeTrainer(spec: ShippedModel, lr: number): Trainer {
  const maxSteps = maxStepsOf(spec);
  return new Trainer({
    model: { vocabSize, ...TRAINING.model, skipStrength: spec.skipStrength, init },
    // The cosine runs to maxSteps, so a sweep run is the first steps of the run it would become.
    optimizer: { ...TRAINING.optimizer, lr, totalSteps: maxSteps },
    dataSeed: TRAINING.dataSeed,
    batchSize: TRAINING.batchSize,
    validBatches: TRAINING.validBatches,
  });
}

/** Steps `trainer` to `until`, evaluating every TRAINING.evalEvery; false once it diverges. */
function advance(
  trainer: Trainer,
  until: number,
  curve: CurvePoint[],
  log: (p: CurvePoint) => void,
  stop: (p: CurvePoint) => boolean = () => false,
): boolean {
  let recent = 0;
  let count = 0;
  while (trainer.optimizer.t < until) {
    try {
      recent += trainer.step().loss;
    } catch (e) {
      if (e instanceof DivergenceError) return false;
      throw e;
    }
    count++;
    const s = trainer.optimizer.t;
    if (s % TRAINING.evalEvery === 0 || s === until) {
      const p = { step: s, train: recent / count, valid: trainer.validationLoss() };
      curve.push(p);
      log(p);
      recent = 0;
      count = 0;
      if (stop(p)) return true;
    }
  }
  return true;
}

function trainOne(spec: ShippedModel): RunResult {
  const maxSteps = maxStepsOf(spec);
  const started = performance.now();
  const log = (lr: number) => (p: CurvePoint) =>
    console.log(
      `[${spec.id} lr ${lr}] step ${p.step} train ${p.train.toFixed(4)} valid ${p.valid.toFixed(4)}`,
    );
  const sweep = lrs.map((lr) => {
    const trainer = makeTrainer(spec, lr);
    const curve: CurvePoint[] = [];
    const ok = advance(trainer, Math.min(sweepSteps, maxSteps), curve, log(lr));
    return { lr, trainer, curve, validLoss: ok ? curve[curve.length - 1].valid : null };
  });
  const finite = sweep.filter((r) => r.validLoss !== null);
  if (finite.length === 0) throw new Error(`${spec.id}: every learning rate diverged`);
  const best = finite.reduce((a, b) => (b.validLoss! < a.validLoss! ? b : a));
  const { trainer, curve, lr } = best;

  // Early stopping: keep the weights of the best validation loss seen.
  let bestValid = best.validLoss!;
  let bestStep = trainer.optimizer.t;
  let bestWeights = Float32Array.from(trainer.model.params.data);
  let stoppedBecause = `reached ${maxSteps} steps`;
  const ok = advance(trainer, maxSteps, curve, log(lr), (p) => {
    if (p.valid < bestValid) {
      bestValid = p.valid;
      bestStep = p.step;
      bestWeights = Float32Array.from(trainer.model.params.data);
    }
    if (p.step - bestStep >= TRAINING.patience * TRAINING.evalEvery) {
      stoppedBecause = `validation loss did not improve for ${TRAINING.patience} evaluations`;
      return true;
    }
    if ((performance.now() - started) / 1000 > maxSeconds) {
      stoppedBecause = `reached the time limit of ${maxSeconds / 60} minutes`;
      return true;
    }
    return false;
  });
  if (!ok) stoppedBecause = `diverged after step ${trainer.optimizer.t}`;
  const stepsRun = trainer.optimizer.t;
  trainer.model.params.data.set(bestWeights);
  const shipped = curve.find((p) => p.step === bestStep)!;

  const agreement = agreementAccuracy(
    trainer.model,
    agreementProbes(TRAINING.agreement.seed, TRAINING.agreement.probes),
  );
  const meta = {
    steps: String(bestStep),
    dataSeed: String(TRAINING.dataSeed),
    lr: String(lr),
    validLoss: bestValid.toFixed(6),
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, spec.file), serializeModel(trainer.model, meta));
  return {
    id: spec.id,
    file: spec.file,
    label: spec.label,
    config: trainer.model.config,
    lr,
    lrSweep: sweep.map((r) => ({ lr: r.lr, validLoss: r.validLoss })),
    dataSeed: TRAINING.dataSeed,
    steps: bestStep,
    stepsRun,
    stoppedBecause,
    batchSize: TRAINING.batchSize,
    finalTrainLoss: shipped.train,
    finalValidLoss: bestValid,
    agreement,
    lossCurve: curve,
    seconds: (performance.now() - started) / 1000,
  };
}

async function runChild(spec: ShippedModel): Promise<RunResult> {
  const script = fileURLToPath(import.meta.url);
  const passOn = process.argv.slice(2);
  const child = spawn(
    process.execPath,
    [...process.execArgv, script, ...passOn, '--only', spec.id],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`training ${spec.id} failed with exit code ${code}`);
  return JSON.parse(readFileSync(join(outDir, `${spec.id}.run.json`), 'utf8')) as RunResult;
}

/** The losses every loss chart can draw a line at, on the validation split, in nats. */
function referenceLosses() {
  const input = {
    trainTokens: splitStream(TRAINING.dataSeed, 'train'),
    validTokens: splitStream(TRAINING.dataSeed, 'valid'),
    vocabSize,
    smoothing: 0.1,
  };
  return {
    uniform: Math.log(vocabSize),
    unigram: unigramValidationLoss(input),
    bigram: bigramValidationLoss(input),
    grammarEntropy: languageEntropy().perWord,
    grammarEntropyNote: LANGUAGE_ENTROPY_NOTE,
  };
}

if (args.only) {
  const spec = SHIPPED_MODELS.find((m) => m.id === args.only);
  if (!spec)
    throw new Error(
      `no shipped model ${args.only}; known: ${SHIPPED_MODELS.map((m) => m.id).join(', ')}`,
    );
  writeFileSync(join(outDir, `${spec.id}.run.json`), JSON.stringify(trainOne(spec)));
} else {
  mkdirSync(outDir, { recursive: true });
  const results = await Promise.all(SHIPPED_MODELS.map(runChild));
  const reference = referenceLosses();
  const manifest = {
    format: 'residual-stream-explorer/manifest/1',
    default: SHIPPED_MODELS[0].id,
    bigramValidLoss: reference.bigram,
    uniformLoss: reference.uniform,
    referenceLosses: reference,
    // The settings this run used, flags included.
    training: {
      ...TRAINING,
      init: init ?? 'each network its own (defaultInitFor)',
      lrSweep: lrs,
      sweepSteps,
      maxSteps: Object.fromEntries(SHIPPED_MODELS.map((m) => [m.id, maxStepsOf(m)])),
      maxMinutes: maxSeconds / 60,
    },
    models: results,
  };
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
  for (const r of results) rmSync(join(outDir, `${r.id}.run.json`));
  console.log(
    `references: uniform ${reference.uniform.toFixed(4)} unigram ${reference.unigram.toFixed(4)} bigram ${reference.bigram.toFixed(4)}`,
  );
  for (const r of results)
    console.log(
      `${r.id}: init ${r.config.init} lr ${r.lr} steps ${r.steps}/${r.stepsRun} valid ${r.finalValidLoss.toFixed(4)} agreement ${(100 * r.agreement.accuracy).toFixed(1)}% in ${r.seconds.toFixed(0)} s (${r.stoppedBecause})`,
    );
}
