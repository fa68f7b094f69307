/**
 * A tokenizer per model: our small models read words of their grammar (tokenizer.ts), GPT-2 reads
 * byte-level BPE pieces (gpt2Tokenizer.ts). The worker and the CLIs tokenise through this
 * interface, so they never ask which model they hold.
 */
import type { ModelFamily } from '../engine/modelFileCore';
import { wordTokenizer, type Encoded } from './tokenizer';

export type TokenizerName = 'words' | 'gpt2';

/** The tokenizer each family of model files was trained with. */
export const TOKENIZER_OF: Readonly<Record<ModelFamily, TokenizerName>> = {
  ours: 'words',
  gpt2: 'gpt2',
};

export interface TextTokenizer {
  readonly name: TokenizerName;
  readonly vocabSize: number;
  /**
   * The token every sequence the model reads starts with, or null. GPT-2 was trained on documents
   * separated by <|endoftext|>, so a sentence after it is what it saw; our models have none.
   */
  readonly start: number | null;
  /** What the model reads for this text (the start token included), with a display piece per token. */
  encode(text: string): Encoded;
  /** The display piece of each id (tokenPiece.ts), throwing on an id outside the vocabulary. */
  pieces(ids: ArrayLike<number>): string[];
  /** The display piece of every id, indexed by id: the lens and the exports name tokens with it. */
  vocab(): readonly string[];
}

/** Tokens of the text itself, not counting the start token: 0 means there is nothing to trace. */
export const textTokenCount = (tokenizer: TextTokenizer, encoded: Encoded): number =>
  encoded.ids.length - (tokenizer.start === null ? 0 : 1);

/**
 * The tokenizer a model family reads. GPT-2's is loaded on first use: a dynamic import, so the
 * bundler puts its 0.5 MB vocabulary in a chunk of its own that the small models never fetch.
 */
export async function loadTokenizer(name: TokenizerName): Promise<TextTokenizer> {
  if (name === 'gpt2') return (await import('./gpt2Tokenizer')).gpt2Tokenizer;
  return wordTokenizer;
}
