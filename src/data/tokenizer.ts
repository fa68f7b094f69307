/**
 * A word-level tokenizer over the fixed vocabulary of `vocabulary.ts`.
 *
 * id 0 is "<unk>" for any word the language does not know, so readers can type anything and see
 * which words the model cannot read. "." is an ordinary token (id 1): it ends every sentence, and
 * predicting it is part of the task. There is no <bos>: the training stream packs sentences back
 * to back, so "." already marks where the next sentence begins.
 */
import type { TextTokenizer } from './textTokenizer';
import { LEXICON_WORDS } from './vocabulary';

export const UNK = '<unk>';
export const UNK_ID = 0;

export const VOCAB: readonly string[] = [UNK, ...LEXICON_WORDS];
export const vocabSize = VOCAB.length;

const ID_OF = new Map(VOCAB.map((word, id) => [word, id]));

export interface Token {
  /** The word as the user typed it (case kept), for display. */
  text: string;
  id: number;
  unknown: boolean;
}

export interface Encoded {
  ids: Int32Array;
  tokens: Token[];
}

/** The id of a word (case-insensitive), or UNK_ID if the vocabulary does not have it. */
export function tokenId(word: string): number {
  return ID_OF.get(word.toLowerCase()) ?? UNK_ID;
}

/**
 * Each of . , ! ? is a token of its own; everything else splits on whitespace. Only "." is in the
 * vocabulary: the others become <unk>, which is honest — the model has never seen them.
 */
const TOKEN_PATTERN = /[.,!?]|[^\s.,!?]+/g;

export function encode(text: string): Encoded {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    const word = match[0];
    const id = tokenId(word);
    // Typing "<unk>" literally also gives id 0 and is marked unknown, which is what it means.
    tokens.push({ text: word, id, unknown: id === UNK_ID });
  }
  return { ids: Int32Array.from(tokens, (t) => t.id), tokens };
}

/** The vocabulary's word for each id. */
export function wordsOf(ids: ArrayLike<number>): string[] {
  const words: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (!Number.isInteger(id) || id < 0 || id >= vocabSize) {
      throw new RangeError(
        `Token id ${id} at position ${i} is outside the vocabulary (0..${vocabSize - 1})`,
      );
    }
    words.push(VOCAB[id]);
  }
  return words;
}

/** Words joined by single spaces; "." stays a separate word, as the model sees it. */
export function decode(ids: ArrayLike<number>): string {
  return wordsOf(ids).join(' ');
}

/** The small models' tokenizer behind the interface every model's tokenizer has. */
export const wordTokenizer: TextTokenizer = {
  name: 'words',
  vocabSize,
  start: null,
  encode,
  pieces: wordsOf,
  vocab: () => VOCAB,
};
