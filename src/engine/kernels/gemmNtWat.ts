/**
 * The product a linear layer's forward and the unembedding want, with both operands read
 * along their rows:
 *
 *   gemm_nt  C[M,N] (+)= A[M,K]·B[N,K]ᵀ (+ bias[N]),  K a multiple of 4
 *
 * so a weight stored as nn.Linear stores it ([out, in]) and the embedding ([V, C]) are used
 * as they are, with no transpose. Each C entry is a dot product of two contiguous rows, summed
 * as f32x4 and across lanes at the end. Register tiles of 2 rows of A × 4 rows of B (eight
 * accumulators, six loads per eight multiply-adds; of the tiles tried on GPT-2's shapes, 4×2,
 * 4×3, 3×3, 6×2, 2×5, 2×6, 1×6, 3×4, this one ran fastest, 27–32 GFLOP/s of CPU time on a loaded
 * machine). The loop over B's rows is outermost, so B (the weight, possibly the 154 MB
 * embedding) streams from memory once while A's M rows stay in cache.
 */
import {
  at,
  get,
  hsum,
  i32,
  inc,
  lines,
  range,
  set,
  splat,
  vadd,
  vload,
  vmul,
  whileLoop,
} from './watHelpers';

const MR = 2;
const NR = 4;
const ACCUMULATE = 1;
const BIAS = 2;

/** One tile of `rows` rows of A (from row i) × `cols` rows of B (from row j). */
function ntTile(rows: number, cols: number, id: string): string {
  const acc = (r: number, c: number): string => `acc${r}${c}`;
  const body: string[] = [];
  for (const c of range(cols))
    body.push(set(`b${c}`, vload(`(i32.add ${get('pb')} (i32.mul ${i32(c)} ${get('K4')}))`)));
  for (const r of range(rows)) {
    body.push(set('ar', vload(`(i32.add ${get('pa')} (i32.mul ${i32(r)} ${get('K4')}))`)));
    for (const c of range(cols))
      body.push(set(acc(r, c), vadd(get(acc(r, c)), vmul(get('ar'), get(`b${c}`)))));
  }
  body.push(inc('pa', 16), inc('pb', 16));
  const store: string[] = [];
  for (const r of range(rows)) {
    for (const c of range(cols)) {
      // C[i + r, j + c]
      const pc = `(i32.add ${get('pc')} (i32.shl (i32.add (i32.mul ${i32(r)} ${get('N')}) ${i32(c)}) (i32.const 2)))`;
      store.push(
        set('s', hsum(acc(r, c))),
        `(if (i32.and ${get('flags')} ${i32(ACCUMULATE)}) (then ${set('s', `(f32.add ${get('s')} (f32.load ${pc}))`)}))`,
        `(if (i32.and ${get('flags')} ${i32(BIAS)}) (then ${set('s', `(f32.add ${get('s')} (f32.load offset=${4 * c} ${get('pbias')}))`)}))`,
        `(f32.store ${pc} ${get('s')})`,
      );
    }
  }
  return lines(
    set(
      'pc',
      `(i32.add ${get('c')} (i32.shl (i32.add (i32.mul ${get('i')} ${get('N')}) ${get('j')}) (i32.const 2)))`,
    ),
    set('pa', `(i32.add ${get('a')} (i32.mul ${get('i')} ${get('K4')}))`),
    set('pb', `(i32.add ${get('b')} (i32.mul ${get('j')} ${get('K4')}))`),
    ...range(rows).flatMap((r) => range(cols).map((c) => set(acc(r, c), splat(0)))),
    set('pend', `(i32.add ${get('pa')} ${get('K4')})`),
    whileLoop(`k_${id}`, `(i32.lt_u ${get('pa')} ${get('pend')})`, lines(body)),
    // pa stepped over its row; pc, pbias still point at the tile
    store,
  );
}

/** Rows of A in tiles of MR, then one at a time, against `cols` rows of B from j. */
function ntRowsOfA(cols: number, id: string): string {
  return lines(
    set('pbias', at('bias', get('j'))),
    set('i', i32(0)),
    whileLoop(
      `i4_${id}`,
      `(i32.le_s (i32.add ${get('i')} ${i32(MR)}) ${get('M')})`,
      lines(ntTile(MR, cols, `${id}r4`), inc('i', MR)),
    ),
    whileLoop(
      `i1_${id}`,
      `(i32.lt_s ${get('i')} ${get('M')})`,
      lines(ntTile(1, cols, `${id}r1`), inc('i', 1)),
    ),
  );
}

export function gemmNt(): string {
  const accLocals = range(MR)
    .flatMap((r) => range(NR).map((c) => `(local $acc${r}${c} v128)`))
    .join(' ');
  return lines(
    `(func (export "gemm_nt") (param $c i32) (param $a i32) (param $b i32) (param $bias i32)`,
    `  (param $M i32) (param $K i32) (param $N i32) (param $flags i32)`,
    `  (local $i i32) (local $j i32) (local $pa i32) (local $pb i32) (local $pc i32) (local $pbias i32)`,
    `  (local $pend i32) (local $K4 i32) (local $s f32) (local $ar v128)`,
    `  ${range(NR)
      .map((c) => `(local $b${c} v128)`)
      .join(' ')} ${accLocals}`,
    set('K4', `(i32.shl ${get('K')} (i32.const 2))`),
    set('j', i32(0)),
    whileLoop(
      'j2',
      `(i32.le_s (i32.add ${get('j')} ${i32(NR)}) ${get('N')})`,
      lines(ntRowsOfA(NR, 'c2'), inc('j', NR)),
    ),
    whileLoop('j1', `(i32.lt_s ${get('j')} ${get('N')})`, lines(ntRowsOfA(1, 'c1'), inc('j', 1))),
    ')',
  );
}
