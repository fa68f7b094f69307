import { describe, expect, it } from 'vitest';
import {
  keepingPromise,
  realModelArrival,
  realModelOrigin,
  uniformGuessText,
} from './realModelText';

describe('what the summary says of the real model', () => {
  it('names the model, its Hugging Face folder and how it came', () => {
    expect(realModelOrigin({ phase: 'loaded', model: 'gpt2', from: 'cache' })).toBe(
      'GPT-2 small (openai-community/gpt2, from this browser’s cache)',
    );
    expect(realModelOrigin({ phase: 'loaded', model: 'distilgpt2', from: 'file' })).toBe(
      'distilgpt2-shaped (read from your file)',
    );
    expect(realModelOrigin({ phase: 'confirm', model: 'gpt2' })).toBeNull();
  });

  it('says a download this browser did not keep, and why, and that the next visit downloads it again', () => {
    expect(realModelArrival({ phase: 'loaded', model: 'gpt2', from: 'download' })).toBe(
      'downloaded, and kept in this browser for next time.',
    );
    expect(
      realModelArrival({ phase: 'loaded', model: 'gpt2', from: 'download', notKept: 'refused' }),
    ).toBe(
      'downloaded; this browser did not keep it (its storage refused it: full, or a private window), so the next visit downloads it again.',
    );
    expect(
      realModelArrival({
        phase: 'loaded',
        model: 'gpt2',
        from: 'download',
        notKept: 'unavailable',
      }),
    ).toBe(
      'downloaded; this browser did not keep it (this page has no Cache Storage, which needs https or localhost), so the next visit downloads it again.',
    );
  });

  it('promises a kept file before the download only where the page can keep it', () => {
    expect(keepingPromise(true)).toBe('This browser keeps it, so the next visit loads it at once.');
    expect(keepingPromise(false)).toBe(
      'This browser cannot keep it (this page has no Cache Storage, which needs https or localhost), so every visit downloads it again.',
    );
  });

  it('holds the loss against ln V of uniform guessing', () => {
    expect(uniformGuessText(50257)).toBe(
      'Guessing uniformly over its 50,257 tokens would score 10.825.',
    );
  });
});
