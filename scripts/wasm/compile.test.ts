import { describe, expect, it } from 'vitest';
import { GPT2_ATTENTION_WASM_BYTES } from '../../src/engine/kernels/gpt2Attention.generated';
import { KERNELS_WASM_BYTES } from '../../src/engine/kernels/kernels.generated';
import { compileKernels, GENERATED } from './compile';

const checkedIn = [KERNELS_WASM_BYTES, GPT2_ATTENTION_WASM_BYTES];

describe('WebAssembly kernels', () => {
  it.each(GENERATED.map((g, i) => [g.file, g.wat, checkedIn[i]] as const))(
    'are built from source.ts: %s is up to date (else run npm run build:wasm)',
    async (_, wat, text) => {
      const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
      expect(bytes).toEqual(await compileKernels(wat()));
    },
  );
});
