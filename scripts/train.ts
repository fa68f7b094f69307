/**
 * npm run train: trains the shipped models in Node and writes them, with a manifest, to
 * public/models/. The model with skips (α = 1) and the one without (α = 0) share the
 * architecture, the initialisation seed and the exact sequence of batches; they train at the
 * same time in two processes (one per core).
 *
 *   npm run train [-- --steps 1200 --out public/models]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bigramValidationLoss } from '../src/data/bigram';
import { splitStream } from '../src/data/batches';
import { vocabSize } from '../src/data/tokenizer';
import { serializeModel } from '../src/engine/modelFile';
import { Trainer } from '../src/training/trainer';
import { parseArgs } from 'node:util';
import { SHIPPED_MODELS, TRAINING, type ShippedModel } from './shipped';

interface RunResult {
  id: string;
  file: string;
  label: string;
  config: Trainer['model']['config'];
  dataSeed: number;
  steps: number;
  batchSize: number;
  finalTrainLoss: number;
  finalValidLoss: number;
  lossCurve: { step: number; train: number; valid: number }[];
  seconds: number;
}

const args = parseArgs({
  options: { steps: { type: 'string' }, out: { type: 'string' }, only: { type: 'string' } },
}).values;
const steps = args.steps === undefined ? TRAINING.steps : Number(args.steps);
if (!Number.isInteger(steps) || steps < 1)
  throw new Error(`--steps must be a whole number from 1, got ${args.steps}`);
const outDir = args.out ?? 'public/models';

function trainOne(spec: ShippedModel): RunResult {
  const started = performance.now();
  const trainer = new Trainer({
    model: { vocabSize, ...TRAINING.model, skipStrength: spec.skipStrength },
    optimizer: { ...TRAINING.optimizer, totalSteps: steps },
    dataSeed: TRAINING.dataSeed,
    batchSize: TRAINING.batchSize,
  });
  const curve: RunResult['lossCurve'] = [];
  let recent = 0;
  let recentCount = 0;
  for (let s = 1; s <= steps; s++) {
    const r = trainer.step();
    recent += r.loss;
    recentCount++;
    if (s % TRAINING.evalEvery === 0 || s === steps) {
      const valid = trainer.validationLoss();
      const train = recent / recentCount;
      curve.push({ step: s, train, valid });
      recent = 0;
      recentCount = 0;
      console.log(
        `[${spec.id}] step ${s}/${steps} train ${train.toFixed(4)} valid ${valid.toFixed(4)} |g| ${r.gradNorm.toFixed(3)}`,
      );
    }
  }
  const last = curve[curve.length - 1];
  const meta = {
    steps: String(steps),
    dataSeed: String(TRAINING.dataSeed),
    validLoss: last.valid.toFixed(6),
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, spec.file), serializeModel(trainer.model, meta));
  return {
    id: spec.id,
    file: spec.file,
    label: spec.label,
    config: trainer.model.config,
    dataSeed: TRAINING.dataSeed,
    steps,
    batchSize: TRAINING.batchSize,
    finalTrainLoss: last.train,
    finalValidLoss: last.valid,
    lossCurve: curve,
    seconds: (performance.now() - started) / 1000,
  };
}

async function runChild(spec: ShippedModel): Promise<RunResult> {
  const script = fileURLToPath(import.meta.url);
  const child = spawn(
    process.execPath,
    [...process.execArgv, script, '--only', spec.id, '--steps', String(steps), '--out', outDir],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`training ${spec.id} failed with exit code ${code}`);
  return JSON.parse(readFileSync(join(outDir, `${spec.id}.run.json`), 'utf8')) as RunResult;
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
  const bigram = bigramValidationLoss({
    trainTokens: splitStream(TRAINING.dataSeed, 'train'),
    validTokens: splitStream(TRAINING.dataSeed, 'valid'),
    vocabSize,
    smoothing: 0.1,
  });
  const manifest = {
    format: 'residual-stream-explorer/manifest/1',
    default: SHIPPED_MODELS[0].id,
    bigramValidLoss: bigram,
    uniformLoss: Math.log(vocabSize),
    models: results,
  };
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
  const { rmSync } = await import('node:fs');
  for (const r of results) rmSync(join(outDir, `${r.id}.run.json`));
  console.log(
    `bigram baseline valid loss ${bigram.toFixed(4)} (uniform ${Math.log(vocabSize).toFixed(4)})`,
  );
  for (const r of results)
    console.log(
      `${r.id}: valid ${r.finalValidLoss.toFixed(4)} train ${r.finalTrainLoss.toFixed(4)} in ${r.seconds.toFixed(0)} s`,
    );
}
