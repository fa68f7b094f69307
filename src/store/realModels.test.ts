import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_BASE, realModelUrls } from './realModels';

const realModelUrl = (...a: Parameters<typeof realModelUrls>) => realModelUrls(...a).weights;

/** The little of a Document realModelUrl reads: the page's address and its mirror tag. */
const page = (baseURI: string, mirror?: string) =>
  ({
    baseURI,
    querySelector: (sel: string) =>
      mirror !== undefined && sel === 'meta[name="rse-model-base"]' ? { content: mirror } : null,
  }) as unknown as Document;

describe('where the real models come from', () => {
  it('is Hugging Face by default, at its published paths', () => {
    expect(DEFAULT_MODEL_BASE).toBe('https://huggingface.co/');
    expect(realModelUrl('gpt2', page('https://blog.example.org/rse/'))).toBe(
      'https://huggingface.co/openai-community/gpt2/resolve/main/model.safetensors',
    );
    expect(realModelUrls('distilgpt2', page('https://blog.example.org/rse/'))).toEqual({
      weights: 'https://huggingface.co/distilbert/distilgpt2/resolve/main/model.safetensors',
      config: 'https://huggingface.co/distilbert/distilgpt2/resolve/main/config.json',
    });
  });

  it('is the mirror a page names, relative to the page, keeping the same paths', () => {
    expect(realModelUrl('gpt2', page('https://blog.example.org/rse/', 'mirror/'))).toBe(
      'https://blog.example.org/rse/mirror/openai-community/gpt2/resolve/main/model.safetensors',
    );
    expect(realModelUrl('gpt2', page('https://a.org/', 'https://files.b.org/hf/'))).toBe(
      'https://files.b.org/hf/openai-community/gpt2/resolve/main/model.safetensors',
    );
    // An empty tag is no mirror.
    expect(realModelUrl('gpt2', page('https://a.org/', ' '))).toContain('huggingface.co');
  });
});
