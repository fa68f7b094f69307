/**
 * The WebAssembly text (WAT) of our Float32 SIMD kernels, written by TypeScript so the
 * unrolled inner loops are generated rather than copied by hand. `npm run build:wasm`
 * compiles it (with the `wabt` package) into kernels.generated.ts, and a test checks that
 * file is up to date.
 *
 * Every pointer is a byte offset into the module's memory; every matrix is row-major.
 * The kernels compute in f32 throughout (the plain-TS ops accumulate in f64 before storing
 * f32), so their results agree with the TS path to f32 round-off, not bit for bit.
 *
 *   gemmWat.ts       matrix products for the linear layers (and transpose, column sums)
 *   gemmNtWat.ts     A·Bᵀ on rows of both: weights and the embedding as they are stored
 *   attentionWat.ts  causal attention forward and backward, one function per head size
 *   rowsWat.ts       GELU, softmax rows, LayerNorm forward and backward
 */
import {
  ATTENTION_HVS,
  attentionBackward,
  attentionForward,
  GPT2_ATTENTION_HVS,
} from './attentionWat';
import { colsumAcc, gemm, transpose } from './gemmWat';
import { gemmNt } from './gemmNtWat';
import {
  geluBackward,
  geluForward,
  layerNormBackward,
  layerNormForward,
  softmaxRows,
} from './rowsWat';
import { lines } from './watHelpers';

/** The whole module's text. */
export function kernelsWat(): string {
  return lines(
    '(module',
    '(memory (export "memory") 1)',
    gemm('nn'),
    gemm('tn'),
    gemmNt(),
    transpose(),
    colsumAcc(),
    geluForward(),
    geluBackward(),
    softmaxRows(),
    layerNormForward(),
    layerNormBackward(),
    ATTENTION_HVS.map(attentionForward),
    ATTENTION_HVS.map(attentionBackward),
    ')',
  );
}

/**
 * Attention for GPT-2's head sizes, a module of its own on the core module's memory: 9 KB
 * gzipped that only a reader who loads GPT-2 fetches (select.ts, loadGpt2Kernels).
 */
export function gpt2AttentionWat(): string {
  return lines(
    '(module',
    '(import "kernels" "memory" (memory 1))',
    GPT2_ATTENTION_HVS.map(attentionForward),
    GPT2_ATTENTION_HVS.map(attentionBackward),
    ')',
  );
}
