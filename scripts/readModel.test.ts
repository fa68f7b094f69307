import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gpt2Tokenizer } from '../src/data/gpt2Tokenizer';
import { wordTokenizer } from '../src/data/tokenizer';
import { readModel } from './readModel';

/** The committed GPT-2 fixture (fixtures/gpt2/, engine/gpt2Fixtures.test.ts): 4 wide, 2 heads. */
const DIR = 'fixtures/gpt2/tiny-f32';
const MODEL = `${DIR}/model.safetensors`;
const reference = JSON.parse(readFileSync(`${DIR}/reference.json`, 'utf8')) as {
  sequences: { tokens: number[]; loss: number }[];
};

const cli = (script: string, args: string[]) =>
  // A GPT-2 trace prints 50,257 final logits: more than spawnSync's default 1 MB of output.
  spawnSync('npx', ['tsx', `scripts/${script}.ts`, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });

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

describe('the CLIs on a GPT-2 file', () => {
  it('npm run trace tokenises with GPT-2’s tokenizer and matches the reference loss', () => {
    const run = cli('trace', ['--model', MODEL, '--text', 'Hello world!']);
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as {
      tokenizer: string;
      words: string[];
      tokens: number[];
      loss: number;
    };
    // The fixture's reference was computed by PyTorch on "Hello world!" after <|endoftext|>.
    const [ref] = reference.sequences;
    expect(out.tokenizer).toBe('gpt2');
    expect(out.tokens).toEqual(ref.tokens);
    expect(out.words).toEqual(['<|endoftext|>', 'Hello', '␣world', '!']);
    expect(out.loss).toBeCloseTo(ref.loss, 4);
  });

  it('npm run experiment measures GPT-2 on English windows, and refuses gradient-flow with the reason', () => {
    const lens = cli('experiment', ['logit-lens', '--model', MODEL, '--json']);
    expect(lens.status, lens.stderr).toBe(0);
    const out = JSON.parse(lens.stdout) as {
      model: { tokenizer: string };
      text: { source: string; windows: number; length: number };
      firstWords: string[];
    };
    expect(out.model.tokenizer).toBe('gpt2');
    expect(out.text).toEqual({ source: 'src/data/englishSample.ts', windows: 8, length: 32 });
    expect(out.firstWords.slice(0, 4)).toEqual(['<|endoftext|>', 'The', '␣town', '␣sits']);
    const grad = cli('experiment', ['gradient-flow', '--model', MODEL]);
    expect(grad.status).toBe(1);
    expect(grad.stderr).toMatch(/GPT-2 is loaded for inference/);
  });
});
