/**
 * GPT-2's own tokenizer: byte-level BPE with the `gpt2` ranks (tiktoken's r50k_base, the same
 * 50,000 merges), from js-tiktoken. Chosen over gpt-tokenizer because its r50k_base (4.0.0) never
 * produces <|endoftext|> (50256) from text, and because `js-tiktoken/lite` plus one ranks file
 * imports this encoding alone (≈ 0.55 MB, 0.24 MB gzipped) with no other encodings or model
 * tables. Only textTokenizer.ts imports this module, dynamically, so only the real model loads it.
 */
import { Tiktoken } from 'js-tiktoken/lite';
import gpt2Ranks from 'js-tiktoken/ranks/gpt2';
import type { TextTokenizer } from './textTokenizer';
import { showPiece } from './tokenPiece';
import type { Encoded } from './tokenizer';

export const GPT2_VOCAB_SIZE = 50257;
export const END_OF_TEXT = '<|endoftext|>';
export const END_OF_TEXT_ID = 50256;

// Building the rank maps takes ≈ 0.3 s, so it is done once, when this module is first imported.
const bpe = new Tiktoken(gpt2Ranks);

/**
 * Each token's bytes. js-tiktoken's decode() returns a string and so cannot show a token that is
 * part of a character; its rank table `textMap` (marked @internal, but a plain field of the pinned
 * version) holds the bytes. The check below fails loudly if an upgrade moves it.
 */
const textMap = (bpe as unknown as { textMap?: Map<number, Uint8Array> }).textMap;
if (!(textMap instanceof Map) || textMap.size !== END_OF_TEXT_ID) {
  throw new Error('js-tiktoken no longer exposes its token bytes (textMap); see gpt2Tokenizer.ts');
}
const END_OF_TEXT_BYTES = new TextEncoder().encode(END_OF_TEXT);

function checkId(id: number, i: number): void {
  if (!Number.isInteger(id) || id < 0 || id >= GPT2_VOCAB_SIZE) {
    throw new RangeError(
      `Token id ${id} at position ${i} is outside GPT-2's vocabulary (0..${GPT2_VOCAB_SIZE - 1})`,
    );
  }
}

export function tokenBytes(id: number): Uint8Array {
  checkId(id, 0);
  return id === END_OF_TEXT_ID ? END_OF_TEXT_BYTES : textMap!.get(id)!;
}

/**
 * The text as GPT-2's tokenizer splits it, without a start token. A typed "<|endoftext|>" becomes
 * that token, as in Hugging Face's tokenizer, so a reader can mark a document boundary.
 */
export function encodeGpt2(text: string): number[] {
  return bpe.encode(text, [END_OF_TEXT]);
}

/** The exact text of these tokens (a character split across tokens is whole again here). */
export function decodeGpt2(ids: ArrayLike<number>): string {
  const list = Array.from(ids);
  list.forEach(checkId);
  return bpe.decode(list);
}

export function gpt2Pieces(ids: ArrayLike<number>): string[] {
  return Array.from(ids, (id, i) => {
    checkId(id, i);
    return id === END_OF_TEXT_ID ? END_OF_TEXT : showPiece(textMap!.get(id)!);
  });
}

let vocab: readonly string[] | null = null;

export const gpt2Tokenizer: TextTokenizer = {
  name: 'gpt2',
  vocabSize: GPT2_VOCAB_SIZE,
  start: END_OF_TEXT_ID,
  encode(text: string): Encoded {
    const ids = Int32Array.from([END_OF_TEXT_ID, ...encodeGpt2(text)]);
    // Byte-level BPE reads any text: no token is unknown.
    const tokens = gpt2Pieces(ids).map((text, i) => ({ text, id: ids[i], unknown: false }));
    return { ids, tokens };
  },
  pieces: gpt2Pieces,
  vocab() {
    vocab ??= gpt2Pieces(Array.from({ length: GPT2_VOCAB_SIZE }, (_, id) => id));
    return vocab;
  },
};
