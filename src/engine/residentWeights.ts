import { f32KernelsFor } from './kernels/select';
import type { Model } from './model';

/**
 * The weights of a model that is only traced (an inference model: GPT-2), kept in the
 * WebAssembly kernels' memory in the layout the products read them in, so no forward, stream
 * gradient or logit lens copies a weight again. Every linear weight is read as nn.Linear stores
 * it ([out, in]): y = x·Wᵀ by gemm_nt, dx = dy·W by gemm_nn, and the tied embedding [V, C]
 * serves the logits and the lens by gemm_nt; so one copy in its stored layout serves them all.
 *
 * A trained model keeps copying per op: its weights change every step, and a resident copy does
 * not follow writes. One model's weights are resident at a time (the kernels are one per
 * thread); making another model's resident releases the first's.
 */

let residentModel: Model | null = null;

/**
 * Copies the model's weights and biases that products read (not LayerNorm's gains, not the
 * position embedding, which is gathered) into the kernels' memory once. Returns the bytes kept
 * there; 0 when the kernels do not serve this model (Float64, or no WebAssembly SIMD).
 */
export function keepWeightsResident(model: Model): number {
  const kernels = f32KernelsFor(model.params.data);
  if (!kernels) return 0;
  if (residentModel !== model) {
    kernels.releaseResident();
    residentModel = model;
    for (const s of model.params.specs) {
      if (s.name === 'transformer.wpe.weight' || s.name.includes('.ln_')) continue;
      kernels.keepResident(model.params.get(s.name) as Float32Array);
    }
  }
  return kernels.residentBytes();
}

/** Forgets the resident weights (a model unloaded, or its weights about to change). */
export function releaseResidentWeights(): void {
  f32KernelsFor(new Float32Array(0))?.releaseResident();
  residentModel = null;
}
