/**
 * Next-token batches, nanoGPT style: sentences are packed back to back into one long token
 * stream per split, and each batch row is a window of T tokens with the window shifted by one
 * as its targets.
 *
 *   tokens[b*T + t]  = stream[start_b + t]
 *   targets[b*T + t] = stream[start_b + t + 1]
 *
 * Train and validation streams come from two seeds hashed out of the one user seed, so one
 * number in the URL reproduces both, yet the validation sentences are fresh draws.
 */
import { Rng } from '../engine/rng';
import { generateTokenStream } from './corpus';

export type Split = 'train' | 'valid';

export interface BatchConfig {
  seed: number;
  split: Split;
  /** B: rows per batch. */
  batchSize: number;
  /** T: tokens per row (the context length). */
  blockSize: number;
  /** Sentences in the split's stream; see DEFAULT_SENTENCES. */
  sentences?: number;
}

/** About 9 tokens a sentence: ~180k training tokens, enough that a tiny model cannot memorise. */
export const DEFAULT_SENTENCES: Readonly<Record<Split, number>> = { train: 20_000, valid: 2_000 };

export interface Batch {
  tokens: Int32Array; // (B*T,)
  targets: Int32Array; // (B*T,)
}

export function createBatch(batchSize: number, blockSize: number): Batch {
  const n = batchSize * blockSize;
  return { tokens: new Int32Array(n), targets: new Int32Array(n) };
}

/** Which sub-seed each consumer of the user seed gets. */
const SALT = { trainStream: 1, validStream: 2, trainWindows: 3, validWindows: 4 } as const;

/**
 * A well-mixed 32-bit seed from (seed, salt). Hashing matters: mulberry32 adds 0x6d2b79f5 to its
 * state each draw, so two seeds that differ by a multiple of it give the same sequence shifted —
 * validation sentences that are training sentences. A hash keeps sub-seeds from lining up so.
 */
export function deriveSeed(seed: number, salt: number): number {
  // murmur3's 32-bit finalizer over seed xor a golden-ratio multiple of the salt.
  let h = (seed ^ Math.imul(salt, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The token stream of one split: a pure function of (seed, split, sentences). */
export function splitStream(seed: number, split: Split, sentences = DEFAULT_SENTENCES[split]) {
  const salt = split === 'train' ? SALT.trainStream : SALT.validStream;
  return generateTokenStream(deriveSeed(seed, salt), sentences);
}

export class BatchSampler {
  readonly stream: Int32Array;
  readonly batchSize: number;
  readonly blockSize: number;
  private readonly rng: Rng;

  constructor(config: BatchConfig) {
    const { seed, split, batchSize, blockSize } = config;
    if (
      !Number.isInteger(batchSize) ||
      batchSize < 1 ||
      !Number.isInteger(blockSize) ||
      blockSize < 1
    ) {
      throw new Error(
        `batchSize and blockSize must be positive integers, got B=${batchSize}, T=${blockSize}`,
      );
    }
    this.batchSize = batchSize;
    this.blockSize = blockSize;
    this.stream = splitStream(seed, split, config.sentences);
    if (this.stream.length < blockSize + 1) {
      throw new Error(
        `The ${split} stream has ${this.stream.length} tokens, too few for windows of T=${blockSize}` +
          ' plus one target: use more sentences',
      );
    }
    this.rng = new Rng(deriveSeed(seed, split === 'train' ? SALT.trainWindows : SALT.validWindows));
  }

  /** Largest window start that still leaves a target after the window's last token. */
  private get maxStart(): number {
    return this.stream.length - this.blockSize - 1;
  }

  /**
   * Writes B random windows into the caller's buffers, which the training loop reuses every
   * step, so nothing is allocated here.
   */
  fillBatch(tokens: Int32Array, targets: Int32Array): void {
    this.checkBuffers(tokens, targets);
    for (let b = 0; b < this.batchSize; b++) {
      this.copyWindow(this.rng.int(this.maxStart + 1), b, tokens, targets);
    }
  }

  /**
   * `count` batches of windows spread evenly over the whole stream, with no randomness: the same
   * batches on every call, so successive loss estimates differ only because the model changed.
   */
  fixedBatches(count: number): Batch[] {
    const windows = count * this.batchSize;
    const batches = Array.from({ length: count }, () =>
      createBatch(this.batchSize, this.blockSize),
    );
    for (let w = 0; w < windows; w++) {
      const start = windows === 1 ? 0 : Math.floor((w * this.maxStart) / (windows - 1));
      const batch = batches[Math.floor(w / this.batchSize)];
      this.copyWindow(start, w % this.batchSize, batch.tokens, batch.targets);
    }
    return batches;
  }

  private copyWindow(start: number, row: number, tokens: Int32Array, targets: Int32Array): void {
    // A plain loop rather than set(subarray(...)): subarray allocates a view on every call.
    const T = this.blockSize;
    const stream = this.stream;
    for (let t = 0; t < T; t++) {
      tokens[row * T + t] = stream[start + t];
      targets[row * T + t] = stream[start + t + 1];
    }
  }

  private checkBuffers(tokens: Int32Array, targets: Int32Array): void {
    const n = this.batchSize * this.blockSize;
    if (tokens.length !== n || targets.length !== n) {
      throw new Error(
        `fillBatch needs buffers of B*T = ${this.batchSize}*${this.blockSize} = ${n},` +
          ` got tokens ${tokens.length} and targets ${targets.length}`,
      );
    }
  }
}

/** The fixed validation set: `count` batches from the validation stream, identical on every call. */
export function validationBatches(config: Omit<BatchConfig, 'split'>, count: number): Batch[] {
  return new BatchSampler({ ...config, split: 'valid' }).fixedBatches(count);
}
