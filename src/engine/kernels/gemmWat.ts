/**
 * Matrix products for the linear layers, on register tiles of MR rows × 4·NV columns:
 *
 *   gemm_nn  C[M,N] (+)= A[M,K]·B[K,N] (+ bias[N])
 *   gemm_tn  C[M,N] (+)= A[K,M]ᵀ·B[K,N] (+ bias[N])
 *
 * flags: 1 adds to C instead of writing it, 2 adds bias. A·Bᵀ transposes B first
 * (`transpose`), a K×N copy against M·K·N multiply-adds.
 */
import {
  range,
  lines,
  whileLoop,
  get,
  set,
  inc,
  i32,
  f32,
  splat,
  vadd,
  vmul,
  vload,
  vstore,
  at,
} from './watHelpers';

/** Register tile of the matrix products: 4 rows × 8 columns = 8 f32x4 accumulators. */
const MR = 4;
const NV = 2; // f32x4 vectors per tile row

/**
 * Rows of B per panel (see gemm). Of 32, 64, 128, 256 and 512 on GPT-2's dX shapes, 64 ran
 * fastest: a wide B (N = 3072, rows 12 KB apart) ran at 21 GFLOP/s against 13 with 256, the
 * others alike (22–25), and our small models' shapes (K ≤ 64) are one panel anyway.
 */
const KC = 64;

const ACCUMULATE = 1;
const BIAS = 2;

/**
 * One register tile of C at rows i.., columns j..: `rows` rows × `vecs` f32x4 columns, the
 * accumulators live in registers for the whole k loop. A is read along its rows (nn) or
 * down its columns (tn: four consecutive rows of C come from one v128 load, each lane
 * broadcast by a shuffle).
 */
function gemmTile(layout: 'nn' | 'tn', rows: number, vecs: number, id: string): string {
  const acc = (r: number, v: number): string => `acc${r}${v}`;
  const init: string[] = [];
  const body: string[] = [];
  const store: string[] = [];
  const load: string[] = [];
  const zero: string[] = [];
  const bias: string[] = [];
  for (const r of range(rows)) {
    // C row r of the tile starts at pc + r·N·4
    const crow = `(i32.add ${get('pc')} (i32.mul ${i32(r)} ${get('N4')}))`;
    for (const v of range(vecs)) {
      const a = acc(r, v);
      load.push(set(a, vload(crow, v * 16)));
      zero.push(set(a, splat(0)));
      bias.push(set(a, vadd(get(a), vload(get('pbias'), v * 16))));
      store.push(vstore(crow, get(a), v * 16));
    }
  }
  init.push(
    `(if (i32.and ${get('pflags')} ${i32(ACCUMULATE)}) (then ${lines(load)}) (else ${lines(zero)}))`,
    `(if (i32.and ${get('pflags')} ${i32(BIAS)}) (then ${lines(bias)}))`,
  );
  // Per k: the B row segment, then each A element broadcast against it.
  for (const v of range(vecs)) body.push(set(`b${v}`, vload(get('pb'), v * 16)));
  if (layout === 'tn' && rows === 4) body.push(set('avec', vload(get('pa'))));
  for (const r of range(rows)) {
    let a: string;
    if (layout === 'tn' && rows === 4) {
      const lane = range(16).map((b) => 4 * r + (b % 4));
      a = `(i8x16.shuffle ${lane.join(' ')} ${get('avec')} ${get('avec')})`;
    } else {
      // nn: row r of A is r·K·4 bytes on (offsets kept in locals); tn: the next float.
      const off = layout === 'nn' ? [i32(0), get('K4'), get('K8'), get('K12')][r] : i32(4 * r);
      a = `(f32x4.splat (f32.load (i32.add ${get('pa')} ${off})))`;
    }
    body.push(set('ar', a));
    for (const v of range(vecs))
      body.push(set(acc(r, v), vadd(get(acc(r, v)), vmul(get('ar'), get(`b${v}`)))));
  }
  // nn walks along A's rows (+4 bytes), tn down A's columns (+M·4); both step B by a row.
  body.push(inc('pa', layout === 'nn' ? 4 : get('M4')), inc('pb', get('N4')));
  return lines(
    set(
      'pc',
      `(i32.add ${get('c')} (i32.shl (i32.add (i32.mul ${get('i')} ${get('N')}) ${get('j')}) (i32.const 2)))`,
    ),
    set('pbias', at('bias', get('j'))),
    layout === 'nn'
      ? set(
          'pa',
          `(i32.add ${get('a')} (i32.add (i32.mul ${get('i')} ${get('K4')}) ${get('k04')}))`,
        )
      : set('pa', `(i32.add ${at('a', get('i'))} (i32.mul ${get('k0')} ${get('M4')}))`),
    set('pb', `(i32.add ${at('b', get('j'))} (i32.mul ${get('k0')} ${get('N4')}))`),
    init,
    // k runs until pb has stepped over all K rows of B
    set('pend', `(i32.add ${get('pb')} (i32.mul ${get('kc')} ${get('N4')}))`),
    whileLoop(`k_${id}`, `(i32.lt_u ${get('pb')} ${get('pend')})`, lines(body)),
    store,
  );
}

/** Rows of C in tiles of MR, then one at a time, for the column block at j. */
function gemmColumnBlock(layout: 'nn' | 'tn', vecs: number, id: string): string {
  return lines(
    set('i', i32(0)),
    whileLoop(
      `i4_${id}`,
      `(i32.le_s (i32.add ${get('i')} ${i32(MR)}) ${get('M')})`,
      lines(gemmTile(layout, MR, vecs, `${id}r4`), inc('i', MR)),
    ),
    whileLoop(
      `i1_${id}`,
      `(i32.lt_s ${get('i')} ${get('M')})`,
      lines(gemmTile(layout, 1, vecs, `${id}r1`), inc('i', 1)),
    ),
  );
}

export function gemm(layout: 'nn' | 'tn'): string {
  const accLocals = range(MR)
    .flatMap((r) => range(NV).map((v) => `(local $acc${r}${v} v128)`))
    .join(' ');
  const w = 4 * NV;
  return lines(
    `(func (export "gemm_${layout}") (param $c i32) (param $a i32) (param $b i32) (param $bias i32)`,
    `  (param $M i32) (param $K i32) (param $N i32) (param $flags i32)`,
    `  (local $i i32) (local $j i32) (local $k i32) (local $pa i32) (local $pb i32) (local $pc i32)`,
    `  (local $pbias i32) (local $pend i32) (local $K8 i32) (local $K12 i32) (local $K4 i32) (local $N4 i32) (local $M4 i32)`,
    `  (local $avec v128) (local $ar v128) ${range(NV)
      .map((v) => `(local $b${v} v128)`)
      .join(' ')} ${accLocals}`,
    `  (local $s00 f32) (local $k0 i32) (local $k04 i32) (local $kc i32) (local $pflags i32)`,
    set('K4', `(i32.shl ${get('K')} (i32.const 2))`),
    set('N4', `(i32.shl ${get('N')} (i32.const 2))`),
    set('M4', `(i32.shl ${get('M')} (i32.const 2))`),
    set('K8', `(i32.shl ${get('K')} (i32.const 3))`),
    set('K12', `(i32.mul ${get('K')} (i32.const 12))`),
    // Panels of KC rows of B: the k loop of a column block then reads KC cache lines, which
    // stay in L1 for the next block (the other half of each line). Without panels a tall B
    // (dX = dY·W with W [3072, 768], or the 50,257-row embedding) came from memory each time.
    // The caller's flags apply to the first panel; later panels add to C.
    set('k0', i32(0)),
    set('pflags', get('flags')),
    `(loop $panel`,
    set('kc', `(i32.sub ${get('K')} ${get('k0')})`),
    `(if (i32.gt_s ${get('kc')} ${i32(KC)}) (then ${set('kc', i32(KC))}))`,
    set('k04', `(i32.shl ${get('k0')} (i32.const 2))`),
    set('j', i32(0)),
    // Column blocks of 8, then one of 4, then single columns.
    whileLoop(
      `j8`,
      `(i32.le_s (i32.add ${get('j')} ${i32(w)}) ${get('N')})`,
      lines(gemmColumnBlock(layout, NV, 'c8'), inc('j', w)),
    ),
    `(if (i32.le_s (i32.add ${get('j')} (i32.const 4)) ${get('N')}) (then`,
    gemmColumnBlock(layout, 1, 'c4'),
    inc('j', 4),
    '))',
    whileLoop(
      `j1`,
      `(i32.lt_s ${get('j')} ${get('N')})`,
      lines(gemmScalarColumn(layout), inc('j', 1)),
    ),
    inc('k0', get('kc')),
    set('pflags', i32(ACCUMULATE)),
    `(br_if $panel (i32.lt_s ${get('k0')} ${get('K')})))`,
    ')',
  );
}

/** A single column j of C, one row at a time (the remainder of odd widths). */
function gemmScalarColumn(layout: 'nn' | 'tn'): string {
  return lines(
    set('i', i32(0)),
    whileLoop(
      'i_s',
      `(i32.lt_s ${get('i')} ${get('M')})`,
      lines(
        set(
          'pc',
          `(i32.add ${get('c')} (i32.shl (i32.add (i32.mul ${get('i')} ${get('N')}) ${get('j')}) (i32.const 2)))`,
        ),
        set('s00', f32(0)),
        `(if (i32.and ${get('pflags')} ${i32(ACCUMULATE)}) (then ${set('s00', `(f32.load ${get('pc')})`)}))`,
        `(if (i32.and ${get('pflags')} ${i32(BIAS)}) (then ${set('s00', `(f32.add ${get('s00')} (f32.load ${at('bias', get('j'))}))`)}))`,
        layout === 'nn'
          ? set(
              'pa',
              `(i32.add ${get('a')} (i32.add (i32.mul ${get('i')} ${get('K4')}) ${get('k04')}))`,
            )
          : set('pa', `(i32.add ${at('a', get('i'))} (i32.mul ${get('k0')} ${get('M4')}))`),
        set('pb', `(i32.add ${at('b', get('j'))} (i32.mul ${get('k0')} ${get('N4')}))`),
        set('k', i32(0)),
        whileLoop(
          'k_s',
          `(i32.lt_s ${get('k')} ${get('kc')})`,
          lines(
            set(
              's00',
              `(f32.add ${get('s00')} (f32.mul (f32.load ${get('pa')}) (f32.load ${get('pb')})))`,
            ),
            inc('pa', layout === 'nn' ? 4 : get('M4')),
            inc('pb', get('N4')),
            inc('k', 1),
          ),
        ),
        `(f32.store ${get('pc')} ${get('s00')})`,
        inc('i', 1),
      ),
    ),
  );
}

/** dst[C,R] = src[R,C]ᵀ, one element at a time: R·C moves against a product's M·K·N multiply-adds. */
export function transpose(): string {
  return lines(
    `(func (export "transpose") (param $dst i32) (param $src i32) (param $R i32) (param $C i32)`,
    `  (local $r i32) (local $c i32)`,
    set('r', i32(0)),
    whileLoop(
      'r',
      `(i32.lt_s ${get('r')} ${get('R')})`,
      lines(
        set('c', i32(0)),
        whileLoop(
          'c',
          `(i32.lt_s ${get('c')} ${get('C')})`,
          lines(
            `(f32.store ${at('dst', `(i32.add (i32.mul ${get('c')} ${get('R')}) ${get('r')})`)}`,
            `  (f32.load ${at('src', `(i32.add (i32.mul ${get('r')} ${get('C')}) ${get('c')})`)}))`,
            inc('c', 1),
          ),
        ),
        inc('r', 1),
      ),
    ),
    ')',
  );
}

/** db[m] += Σ_k a[k, m] for a[K, M]: a linear layer's bias gradient. */
export function colsumAcc(): string {
  return lines(
    `(func (export "colsum_acc") (param $db i32) (param $a i32) (param $K i32) (param $M i32)`,
    `  (local $m i32) (local $k i32) (local $p i32) (local $M4 i32) (local $v v128) (local $s f32)`,
    set('M4', `(i32.shl ${get('M')} (i32.const 2))`),
    set('m', i32(0)),
    whileLoop(
      'mv',
      `(i32.le_s (i32.add ${get('m')} (i32.const 4)) ${get('M')})`,
      lines(
        set('v', vload(at('db', get('m')))),
        set('p', at('a', get('m'))),
        set('k', i32(0)),
        whileLoop(
          'kv',
          `(i32.lt_s ${get('k')} ${get('K')})`,
          lines(set('v', vadd(get('v'), vload(get('p')))), inc('p', get('M4')), inc('k', 1)),
        ),
        vstore(at('db', get('m')), get('v')),
        inc('m', 4),
      ),
    ),
    whileLoop(
      'ms',
      `(i32.lt_s ${get('m')} ${get('M')})`,
      lines(
        set('s', `(f32.load ${at('db', get('m'))})`),
        set('p', at('a', get('m'))),
        set('k', i32(0)),
        whileLoop(
          'ks',
          `(i32.lt_s ${get('k')} ${get('K')})`,
          lines(
            set('s', `(f32.add ${get('s')} (f32.load ${get('p')}))`),
            inc('p', get('M4')),
            inc('k', 1),
          ),
        ),
        `(f32.store ${at('db', get('m'))} ${get('s')})`,
        inc('m', 1),
      ),
    ),
    ')',
  );
}
