import type { Floats } from '../floats';
import { F32Kernels } from './f32Kernels';
import { KERNELS_WASM_BYTES } from './kernels.generated';

/**
 * Which code serves a Float32 op: the WebAssembly SIMD kernels when the module compiles
 * here, else the plain-TS loops in ops/*.ts (which Float64 always uses).
 */
export type KernelChoice = 'auto' | 'ts';

let choice: KernelChoice = 'auto';
let loaded: F32Kernels | null | undefined;

/** A generated module's bytes, written one character per byte (scripts/wasm/compile.ts). */
const decode = (text: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(text, (c) => c.charCodeAt(0));

function load(): F32Kernels | null {
  try {
    if (typeof WebAssembly === 'undefined') return null;
    // Synchronous compile: allowed in Node and workers; a browser's main thread may refuse
    // a module this size, and then the TS ops serve.
    return new F32Kernels(new WebAssembly.Module(decode(KERNELS_WASM_BYTES)));
  } catch {
    return null;
  }
}

let gpt2Attention: Promise<boolean> | undefined;

/**
 * Adds attention kernels for GPT-2's head size (64; also 48 and 80), a module of their own
 * that only a page loading GPT-2 fetches. Until it has run, those heads use the TS ops.
 * Resolves false where the kernels do not load.
 */
export function loadGpt2Kernels(): Promise<boolean> {
  gpt2Attention ??= (async () => {
    const k = kernels();
    if (!k) return false;
    const { GPT2_ATTENTION_WASM_BYTES } = await import('./gpt2Attention.generated');
    k.addAttention(new WebAssembly.Module(decode(GPT2_ATTENTION_WASM_BYTES)));
    return true;
  })();
  return gpt2Attention;
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
