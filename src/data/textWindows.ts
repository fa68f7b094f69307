/**
 * Measuring windows cut from a text, for a model that reads text in its own tokenizer (GPT-2)
 * rather than our grammar's validation stream: consecutive stretches of the text, each read from
 * the tokenizer's start token as a trace is (GPT-2's <|endoftext|>), all of one length.
 */
import { textTokenCount, type TextTokenizer } from './textTokenizer';

export function textWindows(
  tokenizer: TextTokenizer,
  text: string,
  length: number,
  count: number,
): Int32Array[] {
  const encoded = tokenizer.encode(text);
  const head = tokenizer.start === null ? [] : [tokenizer.start];
  const body = encoded.ids.subarray(head.length);
  const stretch = length - head.length;
  if (stretch < 1) throw new Error(`a window of ${length} tokens leaves no room for text`);
  const windows: Int32Array[] = [];
  for (let at = 0; at + stretch <= body.length && windows.length < count; at += stretch) {
    windows.push(Int32Array.from([...head, ...body.subarray(at, at + stretch)]));
  }
  if (windows.length === 0) {
    throw new Error(
      `the text has ${textTokenCount(tokenizer, encoded)} tokens, fewer than one window of ${stretch}`,
    );
  }
  return windows;
}
