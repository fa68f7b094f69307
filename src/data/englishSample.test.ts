import { describe, expect, it } from 'vitest';
import { ENGLISH_SAMPLE } from './englishSample';
import { encodeGpt2 } from './gpt2Tokenizer';

describe('ENGLISH_SAMPLE', () => {
  it('is prose in paragraphs, unwrapped, long enough for eight windows of 32 GPT-2 tokens', () => {
    expect(ENGLISH_SAMPLE.split('\n\n')).toHaveLength(4);
    expect(ENGLISH_SAMPLE.replaceAll('\n\n', '')).not.toContain('\n');
    expect(encodeGpt2(ENGLISH_SAMPLE).length).toBeGreaterThan(8 * 31);
  });
});
