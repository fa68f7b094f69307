import type { ModelConfig } from './config';
import { paramSpecs } from './params';
import { workspaceBytes } from './workspace';

/**
 * How much memory one model may take, checked from its config before any array exists: every
 * field of a config can be within its own limit while their product is not (a 328-byte file
 * once made the engine allocate 3.2 GB before it noticed a tensor was missing).
 *
 * The budget is 1 GB (10⁹ bytes) per model, and a weights file may be no larger. Why that much:
 * GPT-2 small's 124M parameters take 498 MB in float32, and with one workspace for a 256-token
 * trace (≈ 400 MB) they would fit, so the inference mode (no gradients, no AdamW state) loads
 * it, with room to spare at its 128 rows. Training it here would need 2 GB for weights,
 * gradients and moments alone, which a browser tab should not be asked for. budget.test.ts
 * checks both claims.
 *
 * An inference model (Model's `inference` option: a model that is only traced, such as GPT-2)
 * holds its weights once and one workspace of at most INFERENCE_MAX_TOKENS rows, so that is
 * what it is charged.
 */
export const MEMORY_BUDGET_BYTES = 1_000_000_000;

/** The most windows a loaded model runs at once: the lesion sweep's batch (worker/handler.ts). */
export const MAX_BATCH = 8;

/**
 * The most rows (batch × tokens) an inference model runs at once: one window of 128 tokens, or
 * a batch of shorter ones. Why 128: a sentence or a paragraph is what a reader traces, and
 * GPT-2 small's workspace for 128 rows is about 190 MB (a third of it the logits, their
 * softmax and its gradient, 3 × 128 × 50,257 floats), so with its 498 MB of weights a traced
 * GPT-2 small stays near 700 MB, under the 900 MB the issue asks of it. With N = B·T ≤ 128
 * rows the attention buffer B·nh·T² is largest for one window, so workspaceBytes(c, 1, 128)
 * bounds every allowed shape.
 */
export const INFERENCE_MAX_TOKENS = 128;

/** Float32 copies of the parameters the engine may hold: weights, gradients, AdamW's m and v. */
const PARAM_COPIES = 4;

/** Number of parameters a config implies, from the same table that lays out the buffer. */
export function paramCount(c: ModelConfig): number {
  return paramSpecs(c).reduce((n, s) => n + s.size, 0);
}

/** Whether a model is trained (the default) or only traced; see Model's `inference` option. */
export interface ModelUse {
  inference?: boolean;
}

/** The longest window an inference model of this config is traced on. */
export function inferenceTokens(c: ModelConfig): number {
  return Math.min(INFERENCE_MAX_TOKENS, c.contextLength);
}

/**
 * Bytes a model of this config can take. Trained: its parameters with their gradients and
 * AdamW state, plus the largest workspace it is run in (MAX_BATCH windows of the full
 * context, forward and backward). Inference: the parameters once, plus one workspace of
 * inferenceTokens(c) rows.
 */
export function modelBytes(c: ModelConfig, use: ModelUse = {}): number {
  if (use.inference) return 4 * paramCount(c) + workspaceBytes(c, 1, inferenceTokens(c));
  return PARAM_COPIES * 4 * paramCount(c) + workspaceBytes(c, MAX_BATCH, c.contextLength);
}

/** Why this config does not fit the budget, with the sizes, or null if it does. */
export function budgetProblem(c: ModelConfig, use: ModelUse = {}): string | null {
  const needed = modelBytes(c, use);
  if (needed <= MEMORY_BUDGET_BYTES) return null;
  const what = use.inference
    ? `and the activations for one window of ${inferenceTokens(c)} tokens`
    : `with their gradients and AdamW state, and the activations for ${MAX_BATCH} windows of ` +
      `${c.contextLength} tokens`;
  return (
    `this model needs ${formatBytes(needed)} (${paramCount(c).toLocaleString('en-US')} parameters ` +
    `${what}); the limit is ${formatBytes(MEMORY_BUDGET_BYTES)}`
  );
}

/** Why a file of this many bytes is refused unread, or null if it may be read. */
export function fileSizeProblem(bytes: number): string | null {
  return bytes > MEMORY_BUDGET_BYTES
    ? `the file is ${formatBytes(bytes)} (${bytes.toLocaleString('en-US')} bytes); the limit is ${formatBytes(MEMORY_BUDGET_BYTES)}`
    : null;
}

/** Decimal units, as file managers show them: 3.2 GB, 498 MB, 12 kB. */
export function formatBytes(n: number): string {
  const units: [number, string][] = [
    [1e12, 'TB'],
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'kB'],
  ];
  for (const [size, unit] of units) {
    if (n >= size) return `${Number((n / size).toPrecision(n / size >= 100 ? 3 : 2))} ${unit}`;
  }
  return `${n} bytes`;
}
