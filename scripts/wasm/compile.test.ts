import { describe, expect, it } from 'vitest';
import { GPT2_ATTENTION_WASM_BASE64 } from '../../src/engine/kernels/gpt2Attention.generated';
import { KERNELS_WASM_BASE64 } from '../../src/engine/kernels/kernels.generated';
import { compileKernels, GENERATED, toBase64 } from './compile';

const checkedIn = [KERNELS_WASM_BASE64, GPT2_ATTENTION_WASM_BASE64];

describe('WebAssembly kernels', () => {
  it.each(GENERATED.map((g, i) => [g.file, g.wat, checkedIn[i]] as const))(
    'are built from source.ts: %s is up to date (else run npm run build:wasm)',
    async (_, wat, base64) => {
      expect(toBase64(await compileKernels(wat()))).toBe(base64);
    },
  );
});
