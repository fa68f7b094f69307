import { useEffect } from 'react';
import { useApp } from '../store/store';
import { useTraces } from '../store/traces';

/**
 * The word the views follow: the last one that is a word and not punctuation (a full stop
 * makes a dull example), or −1 (the last token) if there is none.
 */
export function lastWord(words: readonly string[]): number {
  for (let t = words.length - 1; t >= 0; t--) if (/\p{L}/u.test(words[t])) return t;
  return -1;
}

/**
 * Moves the tour from the last token (−1, where every chapter starts) to the last word, as
 * soon as the worker's trace says what the words are: the main thread does not split the
 * sentence itself. A token the reader or a link chose is left alone.
 */
export function useFollowLastWord(): void {
  const words = useTraces((t) => t.on?.start.words);
  const token = useApp((s) => s.token);
  const setToken = useApp((s) => s.setToken);
  useEffect(() => {
    if (token !== -1 || !words) return;
    const t = lastWord(words);
    if (t >= 0) setToken(t);
  }, [token, words, setToken]);
}
