import { memo, useState } from 'react';
import './chart.css';

export interface LensData {
  words: string[];
  nPoints: number;
  K: number;
  topIds: Int32Array; // (P, T, K)
  topProbs: Float32Array; // (P, T, K)
  nextRank: Int32Array; // (P, T)
  vocab: readonly string[];
  /**
   * The columns that hold numbers, when the lens is read one word at a time (a large
   * vocabulary); the others are drawn empty, and `pending` (the one on its way) as such.
   */
  read?: readonly boolean[];
  pending?: number;
}

/**
 * The logit lens as a grid: one row per residual point, one column per position; each cell
 * holds the top next-word guess read off the stream there, shaded by its probability. A cell
 * whose guess is the actual next word is outlined. Hover or focus a cell for the top five.
 * A column not read yet (a large vocabulary's lens comes one word at a time) stays empty.
 */
export function LensGrid({
  data,
  current,
  selected,
  pointName,
  onSelect,
}: {
  data: LensData;
  current: number;
  selected: number;
  pointName: (k: number) => string;
  onSelect: (t: number) => void;
}) {
  const { words, nPoints, K, topIds, topProbs, vocab } = data;
  const T = words.length;
  const [hover, setHover] = useState<[number, number] | null>(null);
  const rows = Array.from({ length: nPoints }, (_, k) => nPoints - 1 - k); // output at the top
  const at = (k: number, t: number, j: number) => (k * T + t) * K + j;
  return (
    <div className="lens-wrap">
      <table className="lens">
        <thead>
          <tr>
            {/* Two short lines on a phone, so the labels leave the width to the words. */}
            <th scope="col" className="lens-corner">
              <span>point ↓</span> <span>word →</span>
            </th>
            {words.map((w, t) => (
              <th key={t} scope="col" className={t === selected ? 'selected' : undefined}>
                <button type="button" onClick={() => onSelect(t)} aria-pressed={t === selected}>
                  {w}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((k) => (
            <LensRow
              key={k}
              k={k}
              isCurrent={k === current}
              data={data}
              pointName={pointName}
              onHover={setHover}
            />
          ))}
        </tbody>
      </table>
      <div className="lens-detail" role="status" data-testid="lens-detail">
        {hover ? (
          <>
            <strong>
              {pointName(hover[0])}, after “{words[hover[1]]}”:
            </strong>{' '}
            {Array.from({ length: K }, (_, j) => (
              <span key={j} className="lens-alt">
                {vocab[topIds[at(hover[0], hover[1], j)]]}{' '}
                {(100 * topProbs[at(hover[0], hover[1], j)]).toFixed(1)}%
              </span>
            ))}
          </>
        ) : (
          'Hover or focus a cell to see the top five guesses.'
        )}
      </div>
    </div>
  );
}

/** One row of the grid; memoised, because a step of the scrubber changes only which row is current. */
const LensRow = memo(function LensRow({
  k,
  isCurrent,
  data,
  pointName,
  onHover,
}: {
  k: number;
  isCurrent: boolean;
  data: LensData;
  pointName: (k: number) => string;
  onHover: (cell: [number, number] | null) => void;
}) {
  const { words, K, topIds, topProbs, nextRank, vocab, read, pending } = data;
  const T = words.length;
  const top = (t: number) => (k * T + t) * K;
  return (
    <tr className={isCurrent ? 'current' : undefined}>
      <th scope="row">{pointName(k)}</th>
      {words.map((_, t) => {
        if (read && !read[t]) {
          return t === pending ? (
            <td key={t} className="unread pending" aria-label={`${pointName(k)}: being read`}>
              …
            </td>
          ) : (
            <td
              key={t}
              className="unread"
              aria-label={`${pointName(k)}: select the word to read it`}
            />
          );
        }
        const p = topProbs[top(t)];
        const hit = nextRank[k * T + t] === 0;
        return (
          <td
            key={t}
            tabIndex={0}
            className={hit ? 'hit' : undefined}
            style={{ ['--p' as string]: p.toFixed(3) }}
            onMouseEnter={() => onHover([k, t])}
            onFocus={() => onHover([k, t])}
            onMouseLeave={() => onHover(null)}
            aria-label={`${pointName(k)}, after “${words[t]}”: ${vocab[topIds[top(t)]]} ${(100 * p).toFixed(0)}%`}
          >
            <span className="lens-word">{vocab[topIds[top(t)]]}</span>
            <span className="lens-prob">{(100 * p).toFixed(0)}%</span>
          </td>
        );
      })}
    </tr>
  );
});
