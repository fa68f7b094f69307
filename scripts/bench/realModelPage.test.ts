import { describe, expect, it } from 'vitest';
import { gpt2File } from './realModelPage';

const written = 'bench-models/gpt2-random.safetensors';

describe('the weights bench:ui serves as GPT-2', () => {
  it('takes the file BENCH_GPT2_FILE names, before the exported one', () => {
    const path = '/models/gpt2/model.safetensors';
    expect(gpt2File({ BENCH_GPT2_FILE: path }, () => true)).toEqual({ path, note: path });
  });

  it('takes the file export-gpt2-onnx.py wrote when none is named', () => {
    expect(gpt2File({}, (p) => p === written)).toEqual({ path: written, note: written });
  });

  it('says when it has only the tiny fixture, whose times say nothing of GPT-2 small', () => {
    const chosen = gpt2File({ BENCH_GPT2_FILE: '' }, () => false);
    expect(chosen.path).toBeNull();
    expect(chosen.note).toMatch(/^no GPT-2-shaped file .* the tiny fixture/);
  });
});
