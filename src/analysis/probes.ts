/**
 * What the stream holds, measured by linear probes (linearProbe.ts) rather than read through
 * the output layer, which mixes "which word is here" with "which word comes next". At every
 * residual point k, a probe is fitted on activations from training windows and scored on
 * held-out validation windows, for three questions:
 *
 *   word       which token is at this position (K = V classes)
 *   position   which position in the window (K = T)
 *   agreement  the head noun's number, at the word before the main verb of a sentence whose
 *              subject has a modifier ("the dogs that the cat sees | run"). The attractor's
 *              number is drawn independently of the head's, so reading the nearest noun or
 *              verb alone scores chance. A stream that mixes in the earlier words scores high
 *              without any training: the untrained plain twin reads 82% from x_3 up, from the
 *              head noun, its determiner and an inner verb that agrees with it, averaged in by
 *              its attention. So the untrained twins, not chance, are the floor to beat.
 *
 * Each comes with the majority-class accuracy, the score of a probe that learnt nothing.
 */
import { analyzeSentence } from '../data/agreement';
import {
  BatchSampler,
  createBatch,
  deriveSeed,
  validationBatches,
  type Batch,
} from '../data/batches';
import { generateSentences } from '../data/corpus';
import { tokenId } from '../data/tokenizer';
import { PERIOD } from '../data/vocabulary';
import type { Model } from '../engine/model';
import { batchWorkspace } from './evaluate';
import {
  fitProbeChoosingRidge,
  majorityAccuracy,
  probeAccuracy,
  type ProbeData,
} from './linearProbe';

export const PROBE_TASKS = ['word', 'position', 'agreement'] as const;
export type ProbeTask = (typeof PROBE_TASKS)[number];

export interface ProbeOptions {
  seed: number;
  /** Windows of B × T tokens to fit on, and held-out windows to score on. */
  fitBatches?: number; // 8
  testBatches?: number; // 4
  batchSize?: number; // 16
  /** Sentences drawn for the agreement probe (about a third have a modified subject). */
  agreementSentences?: number; // 1500, two thirds to fit, one third to score
}

export interface ProbeCurve {
  /** (2L + 1): held-out accuracy at each residual point. */
  accuracy: Float64Array;
  /** Held-out accuracy of always guessing the most common training label. */
  majority: number;
  fitted: number;
  scored: number;
}

export type StreamProbes = Record<ProbeTask, ProbeCurve>;

/** Residual points of some rows: (2L + 1) arrays of (rows, C), and labels per row. */
interface Samples<Labels extends string> {
  points: Float32Array[];
  labels: Record<Labels, Int32Array>;
}

export function streamProbes(model: Model, opts: ProbeOptions): StreamProbes {
  const B = opts.batchSize ?? 16;
  const T = model.config.contextLength;
  const train = new BatchSampler({
    seed: opts.seed,
    split: 'train',
    batchSize: B,
    blockSize: T,
    sentences: 3000,
  });
  const fit = Array.from({ length: opts.fitBatches ?? 8 }, () => {
    const b = createBatch(B, T);
    train.fillBatch(b.tokens, b.targets);
    return b;
  });
  const test = validationBatches(
    { seed: opts.seed, batchSize: B, blockSize: T },
    opts.testBatches ?? 4,
  );
  const fitWindows = windowSamples(model, fit);
  const testWindows = windowSamples(model, test);
  const sentences = agreementSamples(model, opts.seed, opts.agreementSentences ?? 1500);
  const n = sentences.labels.agreement.length;
  const cut = Math.floor((2 * n) / 3);
  const C = model.config.dModel;
  const rows = (from: number, to: number): Samples<'agreement'> => ({
    points: sentences.points.map((p) => p.subarray(from * C, to * C)),
    labels: { agreement: sentences.labels.agreement.subarray(from, to) },
  });
  const probe = <Task extends ProbeTask>(
    task: Task,
    K: number,
    a: Samples<Task>,
    b: Samples<Task>,
  ): ProbeCurve => curve(C, K, a.points, a.labels[task], b.points, b.labels[task]);
  return {
    word: probe('word', model.config.vocabSize, fitWindows, testWindows),
    position: probe('position', T, fitWindows, testWindows),
    agreement: probe('agreement', 2, rows(0, cut), rows(cut, n)),
  };
}

function curve(
  C: number,
  K: number,
  fitPoints: Float32Array[],
  fitLabels: Int32Array,
  testPoints: Float32Array[],
  testLabels: Int32Array,
): ProbeCurve {
  const accuracy = Float64Array.from(fitPoints, (x, k) => {
    const fitData: ProbeData = { x, labels: fitLabels };
    const probe = fitProbeChoosingRidge(fitData, C, K);
    return probeAccuracy(probe, { x: testPoints[k], labels: testLabels });
  });
  return {
    accuracy,
    majority: majorityAccuracy(fitLabels, testLabels),
    fitted: fitLabels.length,
    scored: testLabels.length,
  };
}

/** Every residual point over the batches, with each token's id and position in its window. */
function windowSamples(model: Model, batches: readonly Batch[]): Samples<'word' | 'position'> {
  const ws = batchWorkspace(model, batches);
  const C = model.config.dModel;
  const rows = batches.length * ws.N;
  const points = Array.from({ length: ws.stream.length }, () => new Float32Array(rows * C));
  const word = new Int32Array(rows);
  const position = new Int32Array(rows);
  batches.forEach((b, i) => {
    model.forward(ws, b.tokens);
    ws.stream.forEach((x, k) => points[k].set(x.subarray(0, ws.N * C), i * ws.N * C));
    for (let n = 0; n < ws.N; n++) {
      word[i * ws.N + n] = b.tokens[n];
      position[i * ws.N + n] = n % ws.T;
    }
  });
  return { points, labels: { word, position } };
}

/**
 * For each generated sentence whose first clause's subject has a modifier: the stream at the
 * word before the main verb, after a "." as in the training stream; label 0 singular, 1 plural.
 */
function agreementSamples(model: Model, seed: number, count: number): Samples<'agreement'> {
  const C = model.config.dModel;
  const T = model.config.contextLength;
  const rows: { ids: number[]; label: number }[] = [];
  for (const words of generateSentences(deriveSeed(seed, 13), count)) {
    const clause = analyzeSentence(words).clauses[0];
    if (!clause || clause.modifier === 'none' || clause.verb + 1 > T) continue;
    const ids = [PERIOD, ...words.slice(0, clause.verb)].map(tokenId);
    rows.push({ ids, label: clause.headNumber === 'sg' ? 0 : 1 });
  }
  if (rows.length < 6) throw new Error(`only ${rows.length} agreement sentences; draw more`);
  const points = Array.from(
    { length: 2 * model.config.nLayers + 1 },
    () => new Float32Array(rows.length * C),
  );
  rows.forEach(({ ids }, i) => {
    const ws = model.workspace(1, ids.length);
    model.forward(ws, ids);
    const last = (ids.length - 1) * C;
    ws.stream.forEach((x, k) => points[k].set(x.subarray(last, last + C), i * C));
  });
  return { points, labels: { agreement: Int32Array.from(rows, (r) => r.label) } };
}
