import { describe, expect, it } from 'vitest';
import { gpt2Tokenizer } from '../data/gpt2Tokenizer';
import { wordTokenizer } from '../data/tokenizer';
import { Model } from '../engine/model';
import type { Response, TraceEnd, TraceStart } from './protocol';
import { runTrace } from './traceJob';

const request = (text: string) => ({
  type: 'trace' as const,
  id: 1,
  channel: 'on' as const,
  slot: 'residual' as const,
  text,
  skipStrength: null,
  lesions: [],
});

async function traced(model: Model, tokenizer = gpt2Tokenizer, text = 'hello world') {
  const out: Response[] = [];
  await runTrace(model, tokenizer, request(text), (r) => out.push(r));
  return { start: out[0] as TraceStart, end: out.at(-1) as TraceEnd };
}

// GPT-2's vocabulary on a tiny width: the tokenizer's ids index a real-sized embedding.
const gpt2Shaped = (contextLength = 8) =>
  new Model({ vocabSize: 50257, dModel: 8, nHeads: 2, nLayers: 1, contextLength, mlpHidden: 16 });

describe('runTrace with the model’s tokenizer', () => {
  it('reads GPT-2’s tokens after <|endoftext|> and shows them as pieces of the text', async () => {
    const { start, end } = await traced(gpt2Shaped());
    expect(start.tokenIds).toEqual([50256, 31373, 995]);
    expect(start.words).toEqual(['<|endoftext|>', 'hello', '␣world']);
    expect(start.unknown).toEqual([false, false, false]);
    expect(start.T).toBe(3);
    // The lens names GPT-2 ids: they index its 50,257-token vocabulary.
    expect(Math.max(...end.lensTopIds)).toBeLessThan(50257);
    expect(end.positionLoss).toHaveLength(3);
  });

  it('keeps <|endoftext|> when the text is cut to the context', async () => {
    const { start } = await traced(gpt2Shaped(3), gpt2Tokenizer, 'one two three four');
    expect(start.tokenIds[0]).toBe(50256);
    expect(start.T).toBe(3);
    expect(start.truncated).toBe(true);
  });

  it('refuses a text with no tokens besides the start token', async () => {
    await expect(traced(gpt2Shaped(), gpt2Tokenizer, '')).rejects.toThrow(/Type a sentence/);
    const words = new Model({
      vocabSize: wordTokenizer.vocabSize,
      dModel: 8,
      nHeads: 2,
      nLayers: 1,
      contextLength: 8,
      mlpHidden: 16,
    });
    await expect(traced(words, wordTokenizer, '  ')).rejects.toThrow(/Type a sentence/);
    expect((await traced(words, wordTokenizer, 'the dog')).start.words).toEqual(['the', 'dog']);
  });
});

describe('runTrace’s pauses', () => {
  const model = () =>
    new Model({
      vocabSize: 197,
      dModel: 8,
      nHeads: 2,
      nLayers: 2,
      contextLength: 8,
      mlpHidden: 16,
    });
  const sentence = 'the dogs run .';

  it('pause within the forward pass once it has run `pauseEveryMs`, and a superseded trace stops there', async () => {
    const out: Response[] = [];
    let pauses = 0;
    // Superseded at the first pause: with no time between pauses, that is after sublayer 0.
    const stopAtOnce = async () => (pauses++, false);
    const trace = await runTrace(
      model(),
      wordTokenizer,
      request(sentence),
      (r) => out.push(r),
      stopAtOnce,
      0,
    );
    expect(trace).toBeNull();
    expect(pauses).toBe(1);
    // The start, the embedding and the first sublayer's output: nothing after the stop.
    expect(out.map((r) => (r.type === 'tracePoint' ? `point ${r.point}` : r.type))).toEqual([
      'traceStart',
      'point 0',
      'point 1',
    ]);
  });

  it('pause only between the passes when the forward is quicker than `pauseEveryMs`', async () => {
    let pauses = 0;
    const count = async () => (pauses++, true);
    const out: Response[] = [];
    await runTrace(model(), wordTokenizer, request(sentence), (r) => out.push(r), count, 60_000);
    // After the forward and after the backward, as before sublayers paused.
    expect(pauses).toBe(2);
    expect(out.at(-1)?.type).toBe('traceEnd');
    pauses = 0;
    await runTrace(model(), wordTokenizer, request(sentence), () => {}, count, 0);
    // Every sublayer (4), the forward's end and the backward's.
    expect(pauses).toBe(6);
  });
});
