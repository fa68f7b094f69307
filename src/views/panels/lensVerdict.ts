import { listed } from '../format';

/**
 * The lens caption's claim — the guess sharpens layer by layer — checked on the grid shown: it
 * holds when the number of positions whose top guess is the word that follows never drops from
 * one point to the next and ends higher than it starts. Rows whose every column makes the same
 * guess are named, since such a row says nothing about the word it sits on.
 */
export function lensVerdict(
  channel: string,
  rows: { hits: readonly number[]; distinct: readonly number[] },
  positions: number,
  pointName: (k: number) => string,
): { holds: boolean; text: string } {
  const { hits, distinct } = rows;
  const last = hits.length - 1;
  const rising = hits.every((h, k) => k === 0 || h >= hits[k - 1]);
  const holds = rising && hits[last] > hits[0];
  const path = `${hits.join(' → ')} of ${positions} positions`;
  const head = holds
    ? `Here (${channel}) the guess sharpens layer by layer: the top guess is the word that follows at ${path}.`
    : `Here (${channel}) the guess does not sharpen steadily: the top guess is the word that follows at ${path}.`;
  const same = distinct.flatMap((d, k) => (d === 1 ? [pointName(k)] : []));
  const tail =
    same.length > 0
      ? ` At ${listed(same)} every column makes the same guess.`
      : ' No row makes the same guess in every column.';
  return { holds, text: head + tail };
}
