import { inferenceTokens } from './budget';
import type { F32Kernels } from './kernels/f32Kernels';
import { f32KernelsFor, loadGpt2Kernels } from './kernels/select';
import type { Model } from './model';

/**
 * The weights of a model that is only traced (an inference model: GPT-2) live in the
 * WebAssembly kernels' memory itself: its ParamBuffer moves there, so the products read every
 * weight in place, in the layout it is stored in (y = x·Wᵀ by gemm_nt, dx = dy·W by gemm_nn,
 * the tied embedding [V, C] for the logits and the lens by gemm_nt), and nothing is copied per
 * op or kept twice. A trained model keeps its ordinary arrays and copies per op.
 *
 * The memory may not grow while it holds weights (growing a WebAssembly memory detaches every
 * view of it), so it is sized once: the weights plus the scratch of the largest op an
 * inference model runs (scratchReserveBytes). One model's weights are held at a time (the
 * kernels are one per thread); holding another's moves the first back to an ordinary array.
 */

let held: { model: Model; kernels: F32Kernels } | null = null;

/**
 * Room for the other models' ops (lab training, probes) that share the kernels meanwhile.
 * Generous, because it costs address space, not memory: pages no op touches stay unmapped.
 */
const SHARED_SCRATCH_BYTES = 256 * 2 ** 20;

/**
 * Bytes of scratch the largest op of an inference model needs, at its most rows: the loss's
 * softmax (logits and probabilities, rows × V each), the widest linear layer or GELU, the
 * attention scores, and the lens at every point of one position; summed, not maxed, for room.
 */
export function scratchReserveBytes(model: Model): number {
  const { vocabSize: V, dModel: C, mlpHidden: H, nHeads, nLayers } = model.config;
  const rows = inferenceTokens(model.config);
  const points = 2 * nLayers + 1;
  const floats =
    2 * rows * (V + 1) +
    8 * rows * Math.max(3 * C, H) +
    2 * nHeads * rows * rows +
    2 * points * (V + C);
  return 4 * floats + SHARED_SCRATCH_BYTES;
}

/**
 * Moves an inference model's parameters into the kernels' memory. Returns the bytes they take
 * there; 0 when the kernels do not serve this model (Float64, or no WebAssembly SIMD).
 */
export function holdWeightsInKernels(model: Model): number {
  if (!model.inference) throw new Error('only an inference model’s weights live in the kernels');
  const kernels = f32KernelsFor(model.params.data);
  if (!kernels) return 0;
  if (held?.model !== model) {
    releaseHeldWeights();
    model.params.moveTo(kernels.holdWeights(model.params.data.length, scratchReserveBytes(model)));
    held = { model, kernels };
  }
  return kernels.heldBytes();
}

/**
 * Readies a loaded inference model for tracing: the attention kernels for GPT-2's head sizes
 * (fetched on first use), and its weights in the kernels' memory.
 */
export async function readyForTracing(model: Model): Promise<void> {
  await loadGpt2Kernels();
  holdWeightsInKernels(model);
}

/** Moves the held model's weights back to an ordinary array and lets the kernels' memory grow again. */
export function releaseHeldWeights(): void {
  if (!held) return;
  held.model.params.moveTo(new Float32Array(held.model.params.data.length));
  held.kernels.releaseWeights();
  held = null;
}
