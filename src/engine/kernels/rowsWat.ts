/** Row and elementwise kernels: GELU, softmax rows (for the cross-entropy), LayerNorm. */
import {
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
  vsub,
  vload,
  at,
  hsum,
  exp4,
  EXP_LOCALS,
  vectorThenTail,
  forEachRow,
  loadLanes,
  storeLanes,
} from './watHelpers';

const GELU_K = Math.sqrt(2 / Math.PI);
const GELU_A = 0.044715;

/**
 * With e = e^{2u}: 1 + tanh u = 2e/(e + 1) and 1 − tanh² u = 4e/(e + 1)², forms without the
 * cancellation of 1 + tanh u for negative u. Reads local `x`; leaves √(2/π)(x + 0.044715x³)
 * in `u`, e in `e` and 1/(e + 1) in `r`.
 */
function geluParts(): string {
  return lines(
    set(
      'u',
      vmul(
        splat(GELU_K),
        vadd(get('x'), vmul(splat(GELU_A), vmul(get('x'), vmul(get('x'), get('x'))))),
      ),
    ),
    set('x2', vadd(get('u'), get('u'))),
    exp4('x2', 'e'),
    set('r', `(f32x4.div ${splat(1)} ${vadd(get('e'), splat(1))})`),
  );
}
const GELU_LOCALS = `(local $idx i32) (local $x v128) (local $u v128) (local $x2 v128) (local $e v128) (local $r v128) ${EXP_LOCALS}`;

/** y = ½x(1 + tanh u) = x·(e/(e + 1)), the ratio first so a clamped e cannot overflow */
export function geluForward(): string {
  const body = (lanes: 4 | 1): string =>
    lines(
      set('x', loadLanes(lanes, at('xs', get('idx')))),
      geluParts(),
      storeLanes(lanes, at('y', get('idx')), vmul(get('x'), vmul(get('e'), get('r')))),
    );
  return lines(
    `(func (export "gelu_fwd") (param $y i32) (param $xs i32) (param $n i32)`,
    `  ${GELU_LOCALS}`,
    set('idx', i32(0)),
    vectorThenTail('g', get('n'), body),
    ')',
  );
}

/** dx = dy·(½(1 + tanh u) + ½x(1 − tanh² u)·√(2/π)(1 + 3·0.044715x²)) */
export function geluBackward(): string {
  const body = (lanes: 4 | 1): string =>
    lines(
      set('x', loadLanes(lanes, at('xs', get('idx')))),
      geluParts(),
      set(
        'u',
        vadd(
          // ½(1 + tanh u) = e/(e + 1)
          vmul(get('e'), get('r')),
          // ½x(1 − tanh² u) = 2x·e/(e + 1)²
          vmul(
            vmul(vmul(splat(2), get('x')), vmul(vmul(get('e'), get('r')), get('r'))),
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
    `  ${GELU_LOCALS}`,
    set('idx', i32(0)),
    vectorThenTail('g', get('n'), body),
    ')',
  );
}

/**
 * Softmax of each row of logits[N,V] into probs, and per row the max and Σe^{x−max} into
 * stats[2n], stats[2n+1] (the caller forms the loss: −(x_target − max − log Σ)).
 */
export function softmaxRows(): string {
  return lines(
    `(func (export "softmax_rows") (param $probs i32) (param $logits i32) (param $stats i32) (param $N i32) (param $V i32)`,
    `  (local $n i32) (local $idx i32) (local $row i32) (local $max f32) (local $sum f32)`,
    `  (local $x v128) (local $e v128) (local $acc v128) (local $inv v128) ${EXP_LOCALS}`,
    forEachRow(
      'V',
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
          set('x', vsub(loadLanes(lanes, at('logits', get('idx'))), `(f32x4.splat ${get('max')})`)),
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
    ),
    ')',
  );
}

/** LayerNorm over rows of x[N,C]: y = (x − μ)·rstd·g + b; saves μ and rstd. */
export function layerNormForward(): string {
  const rowEnd = `(i32.add ${get('row')} ${get('C')})`;
  return lines(
    `(func (export "ln_fwd") (param $y i32) (param $mean i32) (param $rstd i32) (param $xs i32)`,
    `  (param $g i32) (param $b i32) (param $N i32) (param $C i32) (param $eps f32)`,
    `  (local $n i32) (local $idx i32) (local $row i32) (local $m f32) (local $r f32) (local $s f32)`,
    `  (local $acc v128) (local $d v128) (local $mv v128) (local $rv v128)`,
    forEachRow(
      'C',
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
            : set('s', `(f32.add ${get('s')} (f32x4.extract_lane 0 ${vmul(get('d'), get('d'))}))`),
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
    ),
    ')',
  );
}

/**
 * With x̂ = (x − μ)·rstd and d = dy·g: dx = (d − mean(d) − x̂·mean(d·x̂))·rstd, written or
 * added (acc ≠ 0); dg += Σ_n dy·x̂, db += Σ_n dy.
 */
export function layerNormBackward(): string {
  const rowEnd = `(i32.add ${get('row')} ${get('C')})`;
  const c = `(i32.sub ${get('idx')} ${get('row')})`;
  return lines(
    `(func (export "ln_bwd") (param $dx i32) (param $dg i32) (param $db i32) (param $dy i32)`,
    `  (param $xs i32) (param $mean i32) (param $rstd i32) (param $g i32) (param $N i32) (param $C i32) (param $acc i32)`,
    `  (local $n i32) (local $idx i32) (local $row i32) (local $s1 f32) (local $s2 f32)`,
    `  (local $a1 v128) (local $a2 v128) (local $xh v128) (local $dyv v128) (local $d v128)`,
    `  (local $mv v128) (local $rv v128) (local $md v128) (local $mdx v128) (local $out v128)`,
    forEachRow(
      'C',
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
    ),
    ')',
  );
}
