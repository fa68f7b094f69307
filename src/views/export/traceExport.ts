import { lensOf } from '../../store/positionLens';
import type { ChannelTrace } from '../../store/traces';
import { pointLabel } from '../labels';
import { rowCosine, rowNorm } from '../../analysis/vectors';

/**
 * A trace as plain data for download: every word at every residual point, with the stream's
 * norm, its cosine with the embedding and the logit lens's top guess. JSON keeps the raw
 * stream vectors too; CSV is one row per (point, word) for a spreadsheet.
 */
export interface TraceRow {
  point: number;
  pointName: string;
  position: number;
  word: string;
  streamNorm: number;
  cosWithEmbedding: number;
  lensTop: string | null;
  lensTopProb: number | null;
}

/**
 * The lens's top guess at point k for word t, and its probability: from the whole lens, or, for
 * a large vocabulary, from the words read so far (store/positionLens.ts); null where unread.
 */
function lensTop(tr: ChannelTrace, k: number, t: number) {
  const end = tr.end;
  if (!end) return { id: undefined, prob: null };
  if (end.lensOnRequest) {
    const col = lensOf(tr, t);
    const K = col ? col.topIds.length / tr.points.length : 0;
    return col
      ? { id: col.topIds[k * K], prob: col.topProbs[k * K] }
      : { id: undefined, prob: null };
  }
  const K = end.lensTopIds.length / (tr.points.length * tr.start.T);
  const i = (k * tr.start.T + t) * K;
  return { id: end.lensTopIds[i], prob: end.lensTopProbs[i] };
}

export function traceRows(tr: ChannelTrace, vocab: readonly string[]): TraceRow[] {
  const { T, dModel: C, words } = tr.start;
  const rows: TraceRow[] = [];
  const x0 = tr.points[0];
  tr.points.forEach((p, k) => {
    if (!p || !x0) return;
    for (let t = 0; t < T; t++) {
      const lens = lensTop(tr, k, t);
      rows.push({
        point: k,
        pointName: pointLabel(k),
        position: t,
        word: words[t],
        streamNorm: rowNorm(p.stream, t, C),
        cosWithEmbedding: rowCosine(p.stream, x0.stream, t, C),
        lensTop: lens.id === undefined ? null : (vocab[lens.id] ?? null),
        lensTopProb: lens.prob,
      });
    }
  });
  return rows;
}

/** RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV with the given columns, a header line first. */
function rowsCsv(rows: TraceRow[], header: (keyof TraceRow)[]): string {
  return (
    [header.join(','), ...rows.map((r) => header.map((h) => csvField(r[h])).join(','))].join('\n') +
    '\n'
  );
}

export function traceCsv(tr: ChannelTrace, vocab: readonly string[]): string {
  return rowsCsv(traceRows(tr, vocab), [
    'point',
    'pointName',
    'position',
    'word',
    'streamNorm',
    'cosWithEmbedding',
    'lensTop',
    'lensTopProb',
  ]);
}

/** The logit lens's table as a spreadsheet: its top guess at every point and word. */
export function lensCsv(tr: ChannelTrace, vocab: readonly string[]): string {
  return rowsCsv(traceRows(tr, vocab), [
    'point',
    'pointName',
    'position',
    'word',
    'lensTop',
    'lensTopProb',
  ]);
}

/**
 * What the page adds to a JSON export. No α here: the file's one `skipStrength` is the α the
 * trace was computed with (the store's may already be the next request's).
 */
export type TraceMeta = Record<string, unknown> & { skipStrength?: never; alpha?: never };

export function traceJson(tr: ChannelTrace, vocab: readonly string[], meta: TraceMeta): string {
  return JSON.stringify(
    {
      ...meta,
      words: tr.start.words,
      unknown: tr.start.unknown,
      skipStrength: tr.start.skipStrength,
      norm: tr.start.norm,
      loss: tr.end?.loss ?? null,
      rows: traceRows(tr, vocab),
      stream: tr.points.map((p) => (p ? Array.from(p.stream) : null)),
      streamGradNorms: tr.end ? Array.from(tr.end.streamGradNorms) : null,
    },
    null,
    1,
  );
}
