import type { Floats } from '../floats';
import { F32Kernels } from './f32Kernels';
import { KERNELS_WASM_BASE64 } from './kernels.generated';

/**
 * Which code serves a Float32 op: the WebAssembly SIMD kernels when the module compiles
 * here, else the plain-TS loops in ops/*.ts (which Float64 always uses).
 */
export type KernelChoice = 'auto' | 'ts';

let choice: KernelChoice = 'auto';
let loaded: F32Kernels | null | undefined;

function load(): F32Kernels | null {
  try {
    if (typeof WebAssembly === 'undefined') return null;
    const bytes = Uint8Array.from(atob(KERNELS_WASM_BASE64), (c) => c.charCodeAt(0));
    // Synchronous compile: allowed in Node and workers; a browser's main thread may refuse
    // a module this size, and then the TS ops serve.
    return new F32Kernels(new WebAssembly.Module(bytes));
  } catch {
    return null;
  }
}

/** 'ts' forces the plain TypeScript ops everywhere (tests compare the two; the bench reports both). */
export function setKernelChoice(c: KernelChoice): void {
  choice = c;
}

/** What serves Float32 ops now: the WebAssembly SIMD kernels, or the TS fallback. */
export function activeKernels(): 'wasm-simd' | 'ts' {
  return choice === 'auto' && kernels() ? 'wasm-simd' : 'ts';
}

function kernels(): F32Kernels | null {
  if (loaded === undefined) loaded = load();
  return loaded;
}

/** The kernels to run an op whose output is `out`, or null for the TS path. */
export function f32KernelsFor(out: Floats): F32Kernels | null {
  if (choice !== 'auto' || !(out instanceof Float32Array)) return null;
  return kernels();
}
