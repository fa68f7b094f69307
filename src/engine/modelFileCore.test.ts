import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as gpt2File from './gpt2File';
import { deserializeModel, ModelFileError } from './modelFileCore';

const dir = 'fixtures/gpt2/tiny-f32';
const bytes = () => readFileSync(`${dir}/model.safetensors`);
const configJson: unknown = JSON.parse(readFileSync(`${dir}/config.json`, 'utf8'));

describe('modelFileCore: GPT-2 files only with GPT-2’s reader', () => {
  it('refuses a GPT-2 file when no reader is given, saying why', () => {
    expect(() => deserializeModel(bytes(), { configJson })).toThrow(
      new ModelFileError('This is a GPT-2 file; this load reads only our own models.'),
    );
  });

  it('reads it with the reader, as GPT-2', () => {
    const loaded = deserializeModel(bytes(), { configJson, gpt2: gpt2File });
    expect(loaded.family).toBe('gpt2');
    expect(loaded.model.config.vocabSize).toBe(gpt2File.GPT2_SMALL_SHAPE.vocabSize);
  });
});
