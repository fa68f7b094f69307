import { describe, expect, it } from 'vitest';
import { gpt2Tokenizer } from '../src/data/gpt2Tokenizer';
import { wordTokenizer } from '../src/data/tokenizer';
import { readModel } from './readModel';

/** The committed GPT-2 fixture (fixtures/gpt2/, engine/gpt2Fixtures.test.ts): 4 wide, 2 heads. */
const DIR = 'fixtures/gpt2/tiny-f32';
const MODEL = `${DIR}/model.safetensors`;

describe('readModel', () => {
  it('reads a GPT-2 file with the config.json beside it, and GPT-2’s tokenizer', async () => {
    const m = await readModel(MODEL);
    expect(m.family).toBe('gpt2');
    expect(m.tokenizer).toBe(gpt2Tokenizer);
    expect(m.configFile).toBe(`${DIR}/config.json`);
    expect(m.model.config.nHeads).toBe(2);
  });

  it('reads our files with the words tokenizer, and names a missing file', async () => {
    const ours = await readModel('public/models/residual.safetensors');
    expect(ours.tokenizer).toBe(wordTokenizer);
    await expect(readModel('nowhere.safetensors')).rejects.toThrow(/no model file at/);
    await expect(readModel(MODEL, 'nowhere.json')).rejects.toThrow(/no config file at/);
  });
});
