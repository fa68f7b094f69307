import { createRequire, register } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

// tfjs-core's Node bundle has no gradients: the @tensorflow/tfjs union package registers them
// from tfjs-core's ES-module files, which import each other without file extensions. A resolve
// hook adds them, and the registrations land in tfjs's global registry, shared by every copy.
register(new URL('./esmExtensions.mjs', import.meta.url));
await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');

/**
 * TensorFlow.js's `cpu` (plain JS) and `wasm` (XNNPACK) backends, in this process, one thread.
 * The wasm backend's binaries are read from node_modules: no network.
 */
export type TfjsBackend = 'wasm' | 'cpu';

let wasmPathSet = false;

export async function switchTfjsBackend(name: TfjsBackend): Promise<void> {
  if (name === 'wasm' && !wasmPathSet) {
    const require = createRequire(import.meta.url);
    const wasmFile = require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm');
    setWasmPaths(dirname(wasmFile) + '/');
    wasmPathSet = true;
  }
  if (!(await tf.setBackend(name))) throw new Error(`TensorFlow.js backend ${name} did not start`);
  await tf.ready();
}

/** What the wasm backend found: SIMD and threads. */
export function tfjsWasmFeatures(): { simd: boolean; threads: boolean } {
  return {
    simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
    threads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'),
  };
}

export { tf };
