/**
 * The WebAssembly text (WAT) of our Float32 SIMD kernels, written by TypeScript so the
 * unrolled inner loops are generated rather than copied by hand. `npm run build:wasm`
 * compiles it (with the `wabt` package) into kernels.generated.ts, and a test checks that
 * file is up to date.
 *
 * Every pointer is a byte offset into the module's memory; every matrix is row-major.
 * The kernels compute in f32 throughout (the plain-TS ops accumulate in f64 before storing
 * f32), so their results agree with the TS path to f32 round-off, not bit for bit.
 *
 *   gemm_nn  C[M,N] (+)= A[M,K]·B[K,N] (+ bias[N])    flags: 1 accumulate, 2 add bias
 *   gemm_tn  C[M,N] (+)= A[K,M]ᵀ·B[K,N] (+ bias[N])
 *   transpose, colsum_acc, attention, LayerNorm, GELU and row-softmax kernels below.
 */

/** Register tile of the matrix products: 4 rows × 8 columns = 8 f32x4 accumulators. */
const MR = 4;
const NV = 2; // f32x4 vectors per tile row

const ACCUMULATE = 1;
const BIAS = 2;

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const lines = (...parts: (string | string[])[]): string => parts.flat().join('\n');

/** `while (cond) { body }` with labels unique per name. */
function whileLoop(name: string, cond: string, body: string): string {
  return lines(
    `(block $${name}_end (loop $${name}`,
    `  (br_if $${name}_end (i32.eqz ${cond}))`,
    body,
    `  (br $${name})))`,
  );
}

const get = (x: string): string => `(local.get $${x})`;
const set = (x: string, e: string): string => `(local.set $${x} ${e})`;
const inc = (x: string, by: string | number): string =>
  set(x, `(i32.add ${get(x)} ${typeof by === 'number' ? `(i32.const ${by})` : by})`);
const i32 = (n: number): string => `(i32.const ${n})`;
const f32 = (n: number): string =>
  `(f32.const ${n === Infinity ? 'inf' : n === -Infinity ? '-inf' : n})`;
const splat = (n: number): string => `(v128.const f32x4 ${n} ${n} ${n} ${n})`;
const vadd = (a: string, b: string): string => `(f32x4.add ${a} ${b})`;
const vmul = (a: string, b: string): string => `(f32x4.mul ${a} ${b})`;
const vsub = (a: string, b: string): string => `(f32x4.sub ${a} ${b})`;
const vload = (p: string, offset = 0): string => `(v128.load offset=${offset} ${p})`;
const vstore = (p: string, v: string, offset = 0): string =>
  `(v128.store offset=${offset} ${p} ${v})`;
/** Byte address p + 4·i. */
const at = (p: string, i: string): string => `(i32.add ${get(p)} (i32.shl ${i} (i32.const 2)))`;

/** Sum of the four lanes of a v128 held in local `v` (clobbers it). */
function hsum(v: string): string {
  return lines(
    set(
      v,
      vadd(get(v), `(i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 ${get(v)} ${get(v)})`),
    ),
    `(f32.add (f32x4.extract_lane 0 ${get(v)}) (f32x4.extract_lane 1 ${get(v)}))`,
  );
}

/**
 * e^x on four lanes (Cephes expf): x = n·ln2 + r with |r| ≤ ln2/2, e^r by a degree-7
 * polynomial, 2^n built in the exponent bits. Relative error about 2 ulp. Inputs below
 * −87.3 give 0, inputs above 88 are clamped (e^88 ≈ 1.7e38); NaN stays NaN.
 * Reads local `x`, writes local `ex`; uses locals `en` and `er`.
 */
function exp4(x: string, ex: string): string {
  const en = 'exp_n';
  const er = 'exp_r';
  const poly = [
    1.98756915e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1,
    5.0000001201e-1,
  ];
  let p = splat(poly[0]);
  for (const c of poly.slice(1)) p = vadd(vmul(p, get(er)), splat(c));
  return lines(
    set(ex, `(f32x4.max (f32x4.min ${get(x)} ${splat(88)}) ${splat(-87.33)})`),
    set(en, `(f32x4.nearest ${vmul(get(ex), splat(1.44269504088896341))})`),
    set(
      er,
      vsub(vsub(get(ex), vmul(get(en), splat(0.693359375))), vmul(get(en), splat(-2.1219444e-4))),
    ),
    // e^r = 1 + r + r²·poly(r)
    set(ex, vadd(vadd(vmul(vmul(p, get(er)), get(er)), get(er)), splat(1))),
    // · 2^n: (n + 127) << 23 is the f32 bit pattern of 2^n
    set(
      ex,
      vmul(
        get(ex),
        `(i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s ${get(en)}) (v128.const i32x4 127 127 127 127)) (i32.const 23))`,
      ),
    ),
    set(ex, `(v128.andnot ${get(ex)} (f32x4.lt ${get(x)} ${splat(-87.33)}))`),
  );
}
const EXP_LOCALS = '(local $exp_n v128) (local $exp_r v128)';

// ---------------------------------------------------------------------------------------
// Matrix products

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
  for (const r of range(rows)) {
    // C row r of the tile starts at pc + r·N·4
    const crow = `(i32.add ${get('pc')} (i32.mul ${i32(r)} ${get('N4')}))`;
    for (const v of range(vecs)) {
      const a = acc(r, v);
      init.push(
        set(a, splat(0)),
        `(if (i32.and ${get('flags')} ${i32(ACCUMULATE)}) (then ${set(a, vload(crow, v * 16))}))`,
        `(if (i32.and ${get('flags')} ${i32(BIAS)}) (then ${set(a, vadd(get(a), vload(get('pbias'), v * 16)))}))`,
      );
      store.push(vstore(crow, get(a), v * 16));
    }
  }
  // Per k: the B row segment, then each A element broadcast against it.
  for (const v of range(vecs)) body.push(set(`b${v}`, vload(get('pb'), v * 16)));
  if (layout === 'tn' && rows === 4) body.push(set('avec', vload(get('pa'))));
  for (const r of range(rows)) {
    let a: string;
    if (layout === 'tn' && rows === 4) {
      const lane = range(16).map((b) => 4 * r + (b % 4));
      a = `(i8x16.shuffle ${lane.join(' ')} ${get('avec')} ${get('avec')})`;
    } else {
      const step = layout === 'nn' ? get('K4') : i32(4);
      a = `(f32x4.splat (f32.load (i32.add ${get('pa')} (i32.mul ${i32(r)} ${step}))))`;
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
      ? set('pa', `(i32.add ${get('a')} (i32.mul ${get('i')} ${get('K4')}))`)
      : set('pa', at('a', get('i'))),
    set('pb', at('b', get('j'))),
    init,
    set('k', i32(0)),
    whileLoop(`k_${id}`, `(i32.lt_s ${get('k')} ${get('K')})`, lines(body, inc('k', 1))),
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

function gemm(layout: 'nn' | 'tn'): string {
  const accLocals = range(MR)
    .flatMap((r) => range(NV).map((v) => `(local $acc${r}${v} v128)`))
    .join(' ');
  const w = 4 * NV;
  return lines(
    `(func (export "gemm_${layout}") (param $c i32) (param $a i32) (param $b i32) (param $bias i32)`,
    `  (param $M i32) (param $K i32) (param $N i32) (param $flags i32)`,
    `  (local $i i32) (local $j i32) (local $k i32) (local $pa i32) (local $pb i32) (local $pc i32)`,
    `  (local $pbias i32) (local $K4 i32) (local $N4 i32) (local $M4 i32)`,
    `  (local $avec v128) (local $ar v128) ${range(NV)
      .map((v) => `(local $b${v} v128)`)
      .join(' ')} ${accLocals}`,
    `  (local $s00 f32)`,
    set('K4', `(i32.shl ${get('K')} (i32.const 2))`),
    set('N4', `(i32.shl ${get('N')} (i32.const 2))`),
    set('M4', `(i32.shl ${get('M')} (i32.const 2))`),
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
        `(if (i32.and ${get('flags')} ${i32(ACCUMULATE)}) (then ${set('s00', `(f32.load ${get('pc')})`)}))`,
        `(if (i32.and ${get('flags')} ${i32(BIAS)}) (then ${set('s00', `(f32.add ${get('s00')} (f32.load ${at('bias', get('j'))}))`)}))`,
        layout === 'nn'
          ? set('pa', `(i32.add ${get('a')} (i32.mul ${get('i')} ${get('K4')}))`)
          : set('pa', at('a', get('i'))),
        set('pb', at('b', get('j'))),
        set('k', i32(0)),
        whileLoop(
          'k_s',
          `(i32.lt_s ${get('k')} ${get('K')})`,
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

/** dst[C,R] = src[R,C]ᵀ, in 4×4 blocks where they fit. */
function transpose(): string {
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
function colsumAcc(): string {
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

// ---------------------------------------------------------------------------------------
// Elementwise and row kernels

/**
 * Vector loop over `n` elements from index local `idx`, four at a time, then a scalar tail
 * that runs the same vector code on a one-lane load (so both share one formula).
 */
function vectorThenTail(id: string, n: string, vecBody: (lanes: 4 | 1) => string): string {
  return lines(
    whileLoop(
      `${id}_v`,
      `(i32.le_s (i32.add ${get('idx')} (i32.const 4)) ${n})`,
      lines(vecBody(4), inc('idx', 4)),
    ),
    whileLoop(`${id}_s`, `(i32.lt_s ${get('idx')} ${n})`, lines(vecBody(1), inc('idx', 1))),
  );
}
/** Load four lanes, or one lane splatted, from byte address p. */
const loadLanes = (lanes: 4 | 1, p: string): string =>
  lanes === 4 ? vload(p) : `(f32x4.splat (f32.load ${p}))`;
const storeLanes = (lanes: 4 | 1, p: string, v: string): string =>
  lanes === 4 ? vstore(p, v) : `(f32.store ${p} (f32x4.extract_lane 0 ${v}))`;

const GELU_K = Math.sqrt(2 / Math.PI);
const GELU_A = 0.044715;

/** tanh(u) = 1 − 2/(e^{2u} + 1); reads local `u`, leaves the result in local `t`. */
function tanh4(): string {
  return lines(
    set('x2', vadd(get('u'), get('u'))),
    exp4('x2', 't'),
    set('t', vsub(splat(1), `(f32x4.div ${splat(2)} ${vadd(get('t'), splat(1))})`)),
  );
}

/** y = ½x(1 + tanh(√(2/π)(x + 0.044715x³))) */
function geluForward(): string {
  const body = (lanes: 4 | 1): string =>
    lines(
      set('x', loadLanes(lanes, at('xs', get('idx')))),
      set(
        'u',
        vmul(
          splat(GELU_K),
          vadd(get('x'), vmul(splat(GELU_A), vmul(get('x'), vmul(get('x'), get('x'))))),
        ),
      ),
      tanh4(),
      storeLanes(
        lanes,
        at('y', get('idx')),
        vmul(vmul(splat(0.5), get('x')), vadd(splat(1), get('t'))),
      ),
    );
  return lines(
    `(func (export "gelu_fwd") (param $y i32) (param $xs i32) (param $n i32)`,
    `  (local $idx i32) (local $x v128) (local $u v128) (local $x2 v128) (local $t v128) ${EXP_LOCALS}`,
    set('idx', i32(0)),
    vectorThenTail('g', get('n'), body),
    ')',
  );
}

/** dx = dy·(½(1 + t) + ½x(1 − t²)·√(2/π)(1 + 3·0.044715x²)) */
function geluBackward(): string {
  const body = (lanes: 4 | 1): string =>
    lines(
      set('x', loadLanes(lanes, at('xs', get('idx')))),
      set(
        'u',
        vmul(
          splat(GELU_K),
          vadd(get('x'), vmul(splat(GELU_A), vmul(get('x'), vmul(get('x'), get('x'))))),
        ),
      ),
      tanh4(),
      set(
        'u',
        vadd(
          vmul(splat(0.5), vadd(splat(1), get('t'))),
          vmul(
            vmul(vmul(splat(0.5), get('x')), vsub(splat(1), vmul(get('t'), get('t')))),
            vmul(splat(GELU_K), vadd(splat(1), vmul(splat(3 * GELU_A), vmul(get('x'), get('x'))))),
          ),
        ),
      ),
      storeLanes(
        lanes,
        at('dx', get('idx')),
        vmul(loadLanes(lanes, at('dy', get('idx'))), get('u')),
      ),
    );
  return lines(
    `(func (export "gelu_bwd") (param $dx i32) (param $dy i32) (param $xs i32) (param $n i32)`,
    `  (local $idx i32) (local $x v128) (local $u v128) (local $x2 v128) (local $t v128) ${EXP_LOCALS}`,
    set('idx', i32(0)),
    vectorThenTail('g', get('n'), body),
    ')',
  );
}

/**
 * Softmax of each row of logits[N,V] into probs, and per row the max and Σe^{x−max} into
 * stats[2n], stats[2n+1] (the caller forms the loss: −(x_target − max − log Σ)).
 */
function softmaxRows(): string {
  return lines(
    `(func (export "softmax_rows") (param $probs i32) (param $logits i32) (param $stats i32) (param $N i32) (param $V i32)`,
    `  (local $n i32) (local $idx i32) (local $row i32) (local $max f32) (local $sum f32)`,
    `  (local $x v128) (local $e v128) (local $acc v128) (local $inv v128) ${EXP_LOCALS}`,
    set('n', i32(0)),
    whileLoop(
      'n',
      `(i32.lt_s ${get('n')} ${get('N')})`,
      lines(
        set('row', `(i32.mul ${get('n')} ${get('V')})`),
        set('max', f32(-Infinity)),
        set('idx', get('row')),
        whileLoop(
          'mx',
          `(i32.lt_s ${get('idx')} (i32.add ${get('row')} ${get('V')}))`,
          lines(
            set('max', `(f32.max ${get('max')} (f32.load ${at('logits', get('idx'))}))`),
            inc('idx', 1),
          ),
        ),
        set('acc', splat(0)),
        set('sum', f32(0)),
        set('idx', get('row')),
        vectorThenTail('ex', `(i32.add ${get('row')} ${get('V')})`, (lanes) =>
          lines(
            set(
              'x',
              vsub(loadLanes(lanes, at('logits', get('idx'))), `(f32x4.splat ${get('max')})`),
            ),
            exp4('x', 'e'),
            storeLanes(lanes, at('probs', get('idx')), get('e')),
            lanes === 4
              ? set('acc', vadd(get('acc'), get('e')))
              : set('sum', `(f32.add ${get('sum')} (f32x4.extract_lane 0 ${get('e')}))`),
          ),
        ),
        set('sum', `(f32.add ${get('sum')} ${hsum('acc')})`),
        set('inv', `(f32x4.splat (f32.div ${f32(1)} ${get('sum')}))`),
        set('idx', get('row')),
        vectorThenTail('nm', `(i32.add ${get('row')} ${get('V')})`, (lanes) =>
          storeLanes(
            lanes,
            at('probs', get('idx')),
            vmul(loadLanes(lanes, at('probs', get('idx'))), get('inv')),
          ),
        ),
        `(f32.store ${at('stats', `(i32.shl ${get('n')} (i32.const 1))`)} ${get('max')})`,
        `(f32.store offset=4 ${at('stats', `(i32.shl ${get('n')} (i32.const 1))`)} ${get('sum')})`,
        inc('n', 1),
      ),
    ),
    ')',
  );
}

/** LayerNorm over rows of x[N,C]: y = (x − μ)·rstd·g + b; saves μ and rstd. */
function layerNormForward(): string {
  const rowEnd = `(i32.add ${get('row')} ${get('C')})`;
  return lines(
    `(func (export "ln_fwd") (param $y i32) (param $mean i32) (param $rstd i32) (param $xs i32)`,
    `  (param $g i32) (param $b i32) (param $N i32) (param $C i32) (param $eps f32)`,
    `  (local $n i32) (local $idx i32) (local $row i32) (local $m f32) (local $r f32) (local $s f32)`,
    `  (local $acc v128) (local $d v128) (local $mv v128) (local $rv v128)`,
    set('n', i32(0)),
    whileLoop(
      'n',
      `(i32.lt_s ${get('n')} ${get('N')})`,
      lines(
        set('row', `(i32.mul ${get('n')} ${get('C')})`),
        // mean
        set('acc', splat(0)),
        set('s', f32(0)),
        set('idx', get('row')),
        vectorThenTail('m', rowEnd, (lanes) =>
          lanes === 4
            ? set('acc', vadd(get('acc'), vload(at('xs', get('idx')))))
            : set('s', `(f32.add ${get('s')} (f32.load ${at('xs', get('idx'))}))`),
        ),
        set('m', `(f32.div (f32.add ${get('s')} ${hsum('acc')}) (f32.convert_i32_s ${get('C')}))`),
        set('mv', `(f32x4.splat ${get('m')})`),
        // biased variance
        set('acc', splat(0)),
        set('s', f32(0)),
        set('idx', get('row')),
        vectorThenTail('v', rowEnd, (lanes) =>
          lines(
            set('d', vsub(loadLanes(lanes, at('xs', get('idx'))), get('mv'))),
            lanes === 4
              ? set('acc', vadd(get('acc'), vmul(get('d'), get('d'))))
              : set(
                  's',
                  `(f32.add ${get('s')} (f32x4.extract_lane 0 ${vmul(get('d'), get('d'))}))`,
                ),
          ),
        ),
        set(
          'r',
          `(f32.div ${f32(1)} (f32.sqrt (f32.add (f32.div (f32.add ${get('s')} ${hsum('acc')}) (f32.convert_i32_s ${get('C')})) ${get('eps')})))`,
        ),
        set('rv', `(f32x4.splat ${get('r')})`),
        `(f32.store ${at('mean', get('n'))} ${get('m')})`,
        `(f32.store ${at('rstd', get('n'))} ${get('r')})`,
        set('idx', get('row')),
        vectorThenTail('y', rowEnd, (lanes) => {
          const c = `(i32.sub ${get('idx')} ${get('row')})`;
          return storeLanes(
            lanes,
            at('y', get('idx')),
            vadd(
              vmul(
                vmul(vsub(loadLanes(lanes, at('xs', get('idx'))), get('mv')), get('rv')),
                loadLanes(lanes, at('g', c)),
              ),
              loadLanes(lanes, at('b', c)),
            ),
          );
        }),
        inc('n', 1),
      ),
    ),
    ')',
  );
}

/**
 * With x̂ = (x − μ)·rstd and d = dy·g: dx = (d − mean(d) − x̂·mean(d·x̂))·rstd, written or
 * added (acc ≠ 0); dg += Σ_n dy·x̂, db += Σ_n dy.
 */
function layerNormBackward(): string {
  const rowEnd = `(i32.add ${get('row')} ${get('C')})`;
  const c = `(i32.sub ${get('idx')} ${get('row')})`;
  return lines(
    `(func (export "ln_bwd") (param $dx i32) (param $dg i32) (param $db i32) (param $dy i32)`,
    `  (param $xs i32) (param $mean i32) (param $rstd i32) (param $g i32) (param $N i32) (param $C i32) (param $acc i32)`,
    `  (local $n i32) (local $idx i32) (local $row i32) (local $s1 f32) (local $s2 f32)`,
    `  (local $a1 v128) (local $a2 v128) (local $xh v128) (local $dyv v128) (local $d v128)`,
    `  (local $mv v128) (local $rv v128) (local $md v128) (local $mdx v128) (local $out v128)`,
    set('n', i32(0)),
    whileLoop(
      'n',
      `(i32.lt_s ${get('n')} ${get('N')})`,
      lines(
        set('row', `(i32.mul ${get('n')} ${get('C')})`),
        set('mv', `(f32x4.splat (f32.load ${at('mean', get('n'))}))`),
        set('rv', `(f32x4.splat (f32.load ${at('rstd', get('n'))}))`),
        set('a1', splat(0)),
        set('a2', splat(0)),
        set('s1', f32(0)),
        set('s2', f32(0)),
        set('idx', get('row')),
        vectorThenTail('s', rowEnd, (lanes) =>
          lines(
            set('xh', vmul(vsub(loadLanes(lanes, at('xs', get('idx'))), get('mv')), get('rv'))),
            set('dyv', loadLanes(lanes, at('dy', get('idx')))),
            set('d', vmul(get('dyv'), loadLanes(lanes, at('g', c)))),
            lanes === 4
              ? lines(
                  set('a1', vadd(get('a1'), get('d'))),
                  set('a2', vadd(get('a2'), vmul(get('d'), get('xh')))),
                )
              : lines(
                  set('s1', `(f32.add ${get('s1')} (f32x4.extract_lane 0 ${get('d')}))`),
                  set(
                    's2',
                    `(f32.add ${get('s2')} (f32x4.extract_lane 0 ${vmul(get('d'), get('xh'))}))`,
                  ),
                ),
            storeLanes(
              lanes,
              at('dg', c),
              vadd(loadLanes(lanes, at('dg', c)), vmul(get('dyv'), get('xh'))),
            ),
            storeLanes(lanes, at('db', c), vadd(loadLanes(lanes, at('db', c)), get('dyv'))),
          ),
        ),
        set(
          'md',
          `(f32x4.splat (f32.div (f32.add ${get('s1')} ${hsum('a1')}) (f32.convert_i32_s ${get('C')})))`,
        ),
        set(
          'mdx',
          `(f32x4.splat (f32.div (f32.add ${get('s2')} ${hsum('a2')}) (f32.convert_i32_s ${get('C')})))`,
        ),
        set('idx', get('row')),
        vectorThenTail('d', rowEnd, (lanes) =>
          lines(
            set('xh', vmul(vsub(loadLanes(lanes, at('xs', get('idx'))), get('mv')), get('rv'))),
            set(
              'out',
              vmul(
                vsub(
                  vsub(
                    vmul(loadLanes(lanes, at('dy', get('idx'))), loadLanes(lanes, at('g', c))),
                    get('md'),
                  ),
                  vmul(get('xh'), get('mdx')),
                ),
                get('rv'),
              ),
            ),
            `(if ${get('acc')} (then ${set('out', vadd(get('out'), loadLanes(lanes, at('dx', get('idx')))))}))`,
            storeLanes(lanes, at('dx', get('idx')), get('out')),
          ),
        ),
        inc('n', 1),
      ),
    ),
    ')',
  );
}

// ---------------------------------------------------------------------------------------
// Causal attention (head size a multiple of 4)

/** Byte address of row (b, t) of qkv plus element offset `e` (in floats). */
const qkvRow = (t: string, e: string): string =>
  `(i32.add ${get('qkv')} (i32.shl (i32.add (i32.mul (i32.add (i32.mul ${get('b')} ${get('T')}) ${t}) ${get('C3')}) ${e}) (i32.const 2)))`;

/**
 * For each (b, h, t): scores q·k/√hs over s ≤ t, softmax in place in att's row (zero past t),
 * then y_t = Σ_s p_s·v_s.
 */
function attentionForward(): string {
  return lines(
    `(func (export "attn_fwd") (param $y i32) (param $att i32) (param $qkv i32) (param $B i32) (param $T i32)`,
    `  (param $C i32) (param $nh i32)`,
    `  (local $b i32) (local $h i32) (local $t i32) (local $s i32) (local $i i32) (local $idx i32)`,
    `  (local $hs i32) (local $C3 i32) (local $q i32) (local $k i32) (local $arow i32) (local $yrow i32)`,
    `  (local $scale f32) (local $max f32) (local $sum f32) (local $dot f32)`,
    `  (local $acc v128) (local $x v128) (local $e v128) (local $inv v128) ${EXP_LOCALS}`,
    set('hs', `(i32.div_s ${get('C')} ${get('nh')})`),
    set('C3', `(i32.mul ${get('C')} (i32.const 3))`),
    set('scale', `(f32.div ${f32(1)} (f32.sqrt (f32.convert_i32_s ${get('hs')})))`),
    set('b', i32(0)),
    whileLoop(
      'b',
      `(i32.lt_s ${get('b')} ${get('B')})`,
      lines(
        set('h', i32(0)),
        whileLoop(
          'h',
          `(i32.lt_s ${get('h')} ${get('nh')})`,
          lines(
            set('t', i32(0)),
            whileLoop(
              't',
              `(i32.lt_s ${get('t')} ${get('T')})`,
              lines(
                set('q', qkvRow(get('t'), `(i32.mul ${get('h')} ${get('hs')})`)),
                // att row (b, h, t) as a float index
                set(
                  'arow',
                  `(i32.mul (i32.add (i32.mul (i32.add (i32.mul ${get('b')} ${get('nh')}) ${get('h')}) ${get('T')}) ${get('t')}) ${get('T')})`,
                ),
                set('max', f32(-Infinity)),
                set('s', i32(0)),
                whileLoop(
                  'sc',
                  `(i32.le_s ${get('s')} ${get('t')})`,
                  lines(
                    set(
                      'k',
                      qkvRow(get('s'), `(i32.add ${get('C')} (i32.mul ${get('h')} ${get('hs')}))`),
                    ),
                    set('acc', splat(0)),
                    set('i', i32(0)),
                    whileLoop(
                      'dq',
                      `(i32.lt_s ${get('i')} ${get('hs')})`,
                      lines(
                        set(
                          'acc',
                          vadd(
                            get('acc'),
                            vmul(vload(at('q', get('i'))), vload(at('k', get('i')))),
                          ),
                        ),
                        inc('i', 4),
                      ),
                    ),
                    set('dot', `(f32.mul ${hsum('acc')} ${get('scale')})`),
                    `(f32.store ${at('att', `(i32.add ${get('arow')} ${get('s')})`)} ${get('dot')})`,
                    set('max', `(f32.max ${get('max')} ${get('dot')})`),
                    inc('s', 1),
                  ),
                ),
                // e^{score − max}, summed
                set('acc', splat(0)),
                set('sum', f32(0)),
                set('idx', get('arow')),
                vectorThenTail(
                  'ex',
                  `(i32.add ${get('arow')} (i32.add ${get('t')} (i32.const 1)))`,
                  (lanes) =>
                    lines(
                      set(
                        'x',
                        vsub(
                          loadLanes(lanes, at('att', get('idx'))),
                          `(f32x4.splat ${get('max')})`,
                        ),
                      ),
                      exp4('x', 'e'),
                      storeLanes(lanes, at('att', get('idx')), get('e')),
                      lanes === 4
                        ? set('acc', vadd(get('acc'), get('e')))
                        : set('sum', `(f32.add ${get('sum')} (f32x4.extract_lane 0 ${get('e')}))`),
                    ),
                ),
                set(
                  'inv',
                  `(f32x4.splat (f32.div ${f32(1)} (f32.add ${get('sum')} ${hsum('acc')})))`,
                ),
                set('idx', get('arow')),
                vectorThenTail(
                  'nm',
                  `(i32.add ${get('arow')} (i32.add ${get('t')} (i32.const 1)))`,
                  (lanes) =>
                    storeLanes(
                      lanes,
                      at('att', get('idx')),
                      vmul(loadLanes(lanes, at('att', get('idx'))), get('inv')),
                    ),
                ),
                // the future is masked: zeros past t
                `(memory.fill ${at('att', get('idx'))} (i32.const 0) (i32.shl (i32.sub (i32.add ${get('arow')} ${get('T')}) ${get('idx')}) (i32.const 2)))`,
                // y_t = Σ_s p_s·v_s, one f32x4 of the head at a time
                set(
                  'yrow',
                  `(i32.add ${get('y')} (i32.shl (i32.add (i32.mul (i32.add (i32.mul ${get('b')} ${get('T')}) ${get('t')}) ${get('C')}) (i32.mul ${get('h')} ${get('hs')})) (i32.const 2)))`,
                ),
                set('i', i32(0)),
                whileLoop(
                  'yi',
                  `(i32.lt_s ${get('i')} ${get('hs')})`,
                  lines(
                    set('acc', splat(0)),
                    set('s', i32(0)),
                    whileLoop(
                      'ys',
                      `(i32.le_s ${get('s')} ${get('t')})`,
                      lines(
                        set(
                          'k',
                          qkvRow(
                            get('s'),
                            `(i32.add (i32.shl ${get('C')} (i32.const 1)) (i32.add (i32.mul ${get('h')} ${get('hs')}) ${get('i')}))`,
                          ),
                        ),
                        set(
                          'acc',
                          vadd(
                            get('acc'),
                            vmul(
                              `(f32x4.splat (f32.load ${at('att', `(i32.add ${get('arow')} ${get('s')})`)}))`,
                              vload(get('k')),
                            ),
                          ),
                        ),
                        inc('s', 1),
                      ),
                    ),
                    vstore(at('yrow', get('i')), get('acc')),
                    inc('i', 4),
                  ),
                ),
                inc('t', 1),
              ),
            ),
            inc('h', 1),
          ),
        ),
        inc('b', 1),
      ),
    ),
    ')',
  );
}

/**
 * dqkv from dy, as attentionBackward in ops/attention.ts:
 *   dAtt[t,s] = dy_t·v_s,  dv_s += p·dy_t,  dScore = p·(dAtt − Σ p·dAtt)/√hs,
 *   dq_t += dScore·k_s,    dk_s += dScore·q_t.
 * `scratch` holds one row of T floats.
 */
function attentionBackward(): string {
  const headOff = (part: number, extra = ''): string => {
    const base =
      part === 0
        ? `(i32.mul ${get('h')} ${get('hs')})`
        : `(i32.add (i32.mul ${i32(part)} ${get('C')}) (i32.mul ${get('h')} ${get('hs')}))`;
    return extra ? `(i32.add ${base} ${extra})` : base;
  };
  /** (byte address in qkv, same address in dqkv) of row s, part (0 q, 1 k, 2 v). */
  const both = (s: string, part: number, p: string, dp: string): string[] => [
    set(p, qkvRow(s, headOff(part))),
    set(dp, `(i32.add ${get(p)} (i32.sub ${get('dqkv')} ${get('qkv')}))`),
  ];
  const overHead = (id: string, body: string): string =>
    lines(
      set('i', i32(0)),
      whileLoop(id, `(i32.lt_s ${get('i')} ${get('hs')})`, lines(body, inc('i', 4))),
    );
  return lines(
    `(func (export "attn_bwd") (param $dqkv i32) (param $scratch i32) (param $dy i32) (param $att i32)`,
    `  (param $qkv i32) (param $B i32) (param $T i32) (param $C i32) (param $nh i32)`,
    `  (local $b i32) (local $h i32) (local $t i32) (local $s i32) (local $i i32)`,
    `  (local $hs i32) (local $C3 i32) (local $arow i32) (local $dyrow i32)`,
    `  (local $q i32) (local $dq i32) (local $k i32) (local $dk i32) (local $v i32) (local $dv i32)`,
    `  (local $scale f32) (local $p f32) (local $d f32) (local $dot f32) (local $ds f32)`,
    `  (local $acc v128) (local $pv v128) (local $dsv v128) (local $dyv v128)`,
    set('hs', `(i32.div_s ${get('C')} ${get('nh')})`),
    set('C3', `(i32.mul ${get('C')} (i32.const 3))`),
    set('scale', `(f32.div ${f32(1)} (f32.sqrt (f32.convert_i32_s ${get('hs')})))`),
    `(memory.fill ${get('dqkv')} (i32.const 0) (i32.shl (i32.mul (i32.mul ${get('B')} ${get('T')}) ${get('C3')}) (i32.const 2)))`,
    set('b', i32(0)),
    whileLoop(
      'b',
      `(i32.lt_s ${get('b')} ${get('B')})`,
      lines(
        set('h', i32(0)),
        whileLoop(
          'h',
          `(i32.lt_s ${get('h')} ${get('nh')})`,
          lines(
            set('t', i32(0)),
            whileLoop(
              't',
              `(i32.lt_s ${get('t')} ${get('T')})`,
              lines(
                set(
                  'arow',
                  `(i32.add ${get('att')} (i32.shl (i32.mul (i32.add (i32.mul (i32.add (i32.mul ${get('b')} ${get('nh')}) ${get('h')}) ${get('T')}) ${get('t')}) ${get('T')}) (i32.const 2)))`,
                ),
                set(
                  'dyrow',
                  `(i32.add ${get('dy')} (i32.shl (i32.add (i32.mul (i32.add (i32.mul ${get('b')} ${get('T')}) ${get('t')}) ${get('C')}) (i32.mul ${get('h')} ${get('hs')})) (i32.const 2)))`,
                ),
                set('dot', f32(0)),
                set('s', i32(0)),
                whileLoop(
                  's1',
                  `(i32.le_s ${get('s')} ${get('t')})`,
                  lines(
                    both(get('s'), 2, 'v', 'dv'),
                    set('p', `(f32.load ${at('arow', get('s'))})`),
                    set('pv', `(f32x4.splat ${get('p')})`),
                    set('acc', splat(0)),
                    overHead(
                      'd1',
                      lines(
                        set('dyv', vload(at('dyrow', get('i')))),
                        set('acc', vadd(get('acc'), vmul(get('dyv'), vload(at('v', get('i')))))),
                        vstore(
                          at('dv', get('i')),
                          vadd(vload(at('dv', get('i'))), vmul(get('pv'), get('dyv'))),
                        ),
                      ),
                    ),
                    set('d', hsum('acc')),
                    `(f32.store ${at('scratch', get('s'))} ${get('d')})`,
                    set('dot', `(f32.add ${get('dot')} (f32.mul ${get('p')} ${get('d')}))`),
                    inc('s', 1),
                  ),
                ),
                both(get('t'), 0, 'q', 'dq'),
                set('s', i32(0)),
                whileLoop(
                  's2',
                  `(i32.le_s ${get('s')} ${get('t')})`,
                  lines(
                    set(
                      'ds',
                      `(f32.mul (f32.mul (f32.load ${at('arow', get('s'))}) (f32.sub (f32.load ${at('scratch', get('s'))}) ${get('dot')})) ${get('scale')})`,
                    ),
                    `(if (f32.ne ${get('ds')} ${f32(0)}) (then`,
                    both(get('s'), 1, 'k', 'dk'),
                    set('dsv', `(f32x4.splat ${get('ds')})`),
                    overHead(
                      'd2',
                      lines(
                        vstore(
                          at('dq', get('i')),
                          vadd(
                            vload(at('dq', get('i'))),
                            vmul(get('dsv'), vload(at('k', get('i')))),
                          ),
                        ),
                        vstore(
                          at('dk', get('i')),
                          vadd(
                            vload(at('dk', get('i'))),
                            vmul(get('dsv'), vload(at('q', get('i')))),
                          ),
                        ),
                      ),
                    ),
                    '))',
                    inc('s', 1),
                  ),
                ),
                inc('t', 1),
              ),
            ),
            inc('h', 1),
          ),
        ),
        inc('b', 1),
      ),
    ),
    ')',
  );
}

/** The whole module's text. */
export function kernelsWat(): string {
  return lines(
    '(module',
    '(memory (export "memory") 1)',
    gemm('nn'),
    gemm('tn'),
    transpose(),
    colsumAcc(),
    geluForward(),
    geluBackward(),
    softmaxRows(),
    layerNormForward(),
    layerNormBackward(),
    attentionForward(),
    attentionBackward(),
    ')',
  );
}
