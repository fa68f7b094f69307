import { describe, expect, it } from 'vitest';
import { KERNELS_WASM_BASE64 } from '../../src/engine/kernels/kernels.generated';
import { compileKernels, toBase64 } from './compile';

describe('WebAssembly kernels', () => {
  it('are built from source.ts: kernels.generated.ts is up to date (else run npm run build:wasm)', async () => {
    expect(toBase64(await compileKernels())).toBe(KERNELS_WASM_BASE64);
  });
});
