/**
 * npm run trace and npm run experiment on GPT-2 files, run as a reader runs them: the committed
 * fixture (fixtures/gpt2/, engine/gpt2Fixtures.test.ts), and GPT-2 small when GPT2_SMALL_PATH
 * names its model.safetensors.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

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
    expect(out.text).toEqual({ source: 'src/data/englishSample.ts', windows: 4, length: 32 });
    expect(out.firstWords.slice(0, 4)).toEqual(['<|endoftext|>', 'The', '␣town', '␣sits']);
    const grad = cli('experiment', ['gradient-flow', '--model', MODEL]);
    expect(grad.status).toBe(1);
    expect(grad.stderr).toMatch(/GPT-2 is loaded for inference/);
  });
});

describe('npm run trace on GPT-2 small from Hugging Face', () => {
  const path = process.env.GPT2_SMALL_PATH;
  // TransformerLens publishes GPT-2 small's mean loss on "Hello world!" after <|endoftext|>.
  it.skipIf(!path)(
    'tokenises "Hello world!" to a loss of 5.3319 nats (skipped unless GPT2_SMALL_PATH names its model.safetensors)',
    () => {
      const run = cli('trace', ['--model', path!, '--text', 'Hello world!']);
      expect(run.status, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout) as { tokens: number[]; loss: number };
      expect(out.tokens).toEqual([50256, 15496, 995, 0]);
      expect(out.loss).toBeCloseTo(5.3319, 3);
    },
  );
});
