/**
 * Causal multi-head attention on packed projections, as ops/attention.ts:
 *
 *   qkv : (B, T, 3C)  rows [q | k | v], each nh heads of hs = C/nh
 *   att : (B, nh, T, T) softmax(q·kᵀ/√hs), zero where s > t
 *   y   : (B, T, C)   y_t = Σ_s att[t,s]·v_s per head
 *
 * One function per head size hs = 4·hv (hv = 1…8, so hs up to 32, and GPT-2's 48, 64 and 80),
 * so a head row lives in hv registers: q_t (or dy_t) is loaded once per t and the s loop
 * streams keys and values. Past 32 the registers spill (x86 has 16 vector registers), but
 * the spills are loads from the stack's cache lines, far cheaper than the TS fallback.
 * Keys go four at a time; their four dot products are summed across lanes together
 * (`hsum4`), so scores are stored, maxed and weighted as whole vectors.
 */
import {
  EXP_LOCALS,
  exp4,
  f32,
  get,
  hsum,
  i32,
  inc,
  lines,
  loadLanes,
  range,
  set,
  splat,
  storeLanes,
  vadd,
  vectorThenTail,
  vload,
  vmul,
  vstore,
  vsub,
  whileLoop,
  at,
} from './watHelpers';

/** hv of the head sizes in the core module: 4…32, our models'. */
export const ATTENTION_HVS = range(8).map((i) => i + 1);
/** hv of head sizes 48, 64 (every GPT-2 size's) and 80: a module of their own, loaded with GPT-2. */
export const GPT2_ATTENTION_HVS = [12, 16, 20];

/** Four-lane shuffles of 32-bit lanes (byte patterns for i8x16.shuffle). */
const shuffle = (lanes: number[], a: string, b: string): string =>
  `(i8x16.shuffle ${lanes.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3]).join(' ')} ${a} ${b})`;
const laneSplat = (v: string, lane: number): string => shuffle([lane, lane, lane, lane], v, v);

/** [Σ a0, Σ a1, Σ a2, Σ a3] into local h4, by two rounds of interleave-and-add. */
function hsum4(a: string[]): string {
  const [a0, a1, a2, a3] = a.map(get);
  return lines(
    set('u0', vadd(shuffle([0, 4, 1, 5], a0, a1), shuffle([2, 6, 3, 7], a0, a1))),
    set('u1', vadd(shuffle([0, 4, 1, 5], a2, a3), shuffle([2, 6, 3, 7], a2, a3))),
    set(
      'h4',
      vadd(
        shuffle([0, 1, 4, 5], get('u0'), get('u1')),
        shuffle([2, 3, 6, 7], get('u0'), get('u1')),
      ),
    ),
  );
}

const locals = (names: string[], type: string): string =>
  names.map((n) => `(local $${n} ${type})`).join(' ');
const chunk = (prefix: string, hv: number): string[] => range(hv).map((c) => `${prefix}${c}`);

/** Σ_c x_c · load(p + 16c) over the head's hv chunks, a v128 expression. */
function dotChunks(xs: string[], p: string): string {
  return xs.map((x, c) => vmul(get(x), vload(p, 16 * c))).reduce((sum, term) => vadd(sum, term));
}

/** p + j·rs, the address of the row j steps on (rs = one qkv row in bytes). */
const rowAhead = (p: string, j: number): string =>
  j === 0 ? get(p) : `(i32.add ${get(p)} ${get(j === 1 ? 'rs' : `rs${j}`)})`;

/** Pointers to q, k and v of (b, h) at t = 0, the y row, and att's first row (float index). */
function headPointers(withY: boolean): string {
  return lines(
    set(
      'qp',
      `(i32.add ${get('qkv')} (i32.shl (i32.add (i32.mul (i32.mul ${get('b')} ${get('T')}) ${get('C3')}) (i32.mul ${get('h')} ${get('hs')})) (i32.const 2)))`,
    ),
    set('kb', `(i32.add ${get('qp')} (i32.shl ${get('C')} (i32.const 2)))`),
    set('vb', `(i32.add ${get('kb')} (i32.shl ${get('C')} (i32.const 2)))`),
    withY
      ? set(
          'yp',
          `(i32.add ${get('y')} (i32.shl (i32.add (i32.mul (i32.mul ${get('b')} ${get('T')}) ${get('C')}) (i32.mul ${get('h')} ${get('hs')})) (i32.const 2)))`,
        )
      : '',
    set(
      'arow',
      `(i32.mul (i32.mul (i32.add (i32.mul ${get('b')} ${get('nh')}) ${get('h')}) ${get('T')}) ${get('T')})`,
    ),
  );
}

/** for b, for h, for t: body — with the per-head pointers set up and advanced. */
function overHeadsAndRows(withY: boolean, rowBody: string, rowStep: string): string {
  return lines(
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
            headPointers(withY),
            set('t', i32(0)),
            whileLoop(
              't',
              `(i32.lt_s ${get('t')} ${get('T')})`,
              lines(rowBody, rowStep, inc('t', 1)),
            ),
            inc('h', 1),
          ),
        ),
        inc('b', 1),
      ),
    ),
  );
}

/** Keys s = 0…t in blocks of four while they last, then one at a time. */
function causalBlocks(id: string, ptr: string, block: string, single: string): string {
  return lines(
    set('s', i32(0)),
    set(ptr, get(ptr === 'kp' ? 'kb' : 'vb')),
    whileLoop(
      `${id}4`,
      `(i32.le_s (i32.add ${get('s')} (i32.const 4)) (i32.add ${get('t')} (i32.const 1)))`,
      lines(block, inc('s', 4), inc(ptr, `(i32.shl ${get('rs')} (i32.const 2))`)),
    ),
    whileLoop(
      `${id}1`,
      `(i32.le_s ${get('s')} ${get('t')})`,
      lines(single, inc('s', 1), inc(ptr, get('rs'))),
    ),
  );
}

const attAt = (offset: string): string => at('att', `(i32.add ${get('arow')} ${offset})`);

const COMMON_LOCALS = [
  '(local $b i32) (local $h i32) (local $t i32) (local $s i32) (local $idx i32)',
  '(local $hs i32) (local $C3 i32) (local $rs i32) (local $rs2 i32) (local $rs3 i32)',
  '(local $qp i32) (local $kb i32) (local $vb i32)',
  '(local $kp i32) (local $vp i32) (local $arow i32)',
  '(local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)',
  '(local $u0 v128) (local $u1 v128) (local $h4 v128) (local $pv v128)',
].join(' ');

function prologue(hv: number): string {
  return lines(
    set('hs', i32(4 * hv)),
    set('C3', `(i32.mul ${get('C')} (i32.const 3))`),
    set('rs', `(i32.shl ${get('C3')} (i32.const 2))`),
    set('rs2', `(i32.shl ${get('rs')} (i32.const 1))`),
    set('rs3', `(i32.add ${get('rs2')} ${get('rs')})`),
  );
}

export function attentionForward(hv: number): string {
  const q = chunk('q', hv);
  const acc = chunk('acc', hv);
  const scale = 1 / Math.sqrt(4 * hv);
  const tPlus1 = `(i32.add ${get('arow')} (i32.add ${get('t')} (i32.const 1)))`;
  const row = lines(
    // q_t/√hs in registers
    ...q.map((x, c) => set(x, vmul(vload(get('qp'), 16 * c), splat(scale)))),
    set('max', f32(-Infinity)),
    set('mx4', splat(-Infinity)),
    causalBlocks(
      'sc',
      'kp',
      lines(
        ...range(4).map((j) => set(`a${j}`, dotChunks(q, rowAhead('kp', j)))),
        hsum4(['a0', 'a1', 'a2', 'a3']),
        vstore(attAt(get('s')), get('h4')),
        set('mx4', `(f32x4.max ${get('mx4')} ${get('h4')})`),
      ),
      lines(
        set('a0', dotChunks(q, get('kp'))),
        set('d', hsum('a0')),
        `(f32.store ${attAt(get('s'))} ${get('d')})`,
        set('max', `(f32.max ${get('max')} ${get('d')})`),
      ),
    ),
    set(
      'max',
      range(4).reduce(
        (m, l) => `(f32.max ${m} (f32x4.extract_lane ${l} ${get('mx4')}))`,
        get('max'),
      ),
    ),
    // e^{score − max} and its sum, then normalise; zeros past t (the future is masked)
    set('a0', splat(0)),
    set('sum', f32(0)),
    set('idx', get('arow')),
    vectorThenTail('ex', tPlus1, (lanes) =>
      lines(
        set('x', vsub(loadLanes(lanes, at('att', get('idx'))), `(f32x4.splat ${get('max')})`)),
        exp4('x', 'e'),
        storeLanes(lanes, at('att', get('idx')), get('e')),
        lanes === 4
          ? set('a0', vadd(get('a0'), get('e')))
          : set('sum', `(f32.add ${get('sum')} (f32x4.extract_lane 0 ${get('e')}))`),
      ),
    ),
    set('pv', `(f32x4.splat (f32.div ${f32(1)} (f32.add ${get('sum')} ${hsum('a0')})))`),
    set('idx', get('arow')),
    vectorThenTail('nm', tPlus1, (lanes) =>
      storeLanes(
        lanes,
        at('att', get('idx')),
        vmul(loadLanes(lanes, at('att', get('idx'))), get('pv')),
      ),
    ),
    `(memory.fill ${at('att', get('idx'))} (i32.const 0) (i32.shl (i32.sub (i32.add ${get('arow')} ${get('T')}) ${get('idx')}) (i32.const 2)))`,
    // y_t = Σ_s p_s·v_s
    ...acc.map((a) => set(a, splat(0))),
    causalBlocks(
      'y',
      'vp',
      lines(
        set('pv', vload(attAt(get('s')))),
        ...range(4).flatMap((j) => [
          set('a0', laneSplat(get('pv'), j)),
          ...acc.map((a, c) =>
            set(a, vadd(get(a), vmul(get('a0'), vload(rowAhead('vp', j), 16 * c)))),
          ),
        ]),
      ),
      lines(
        set('a0', `(f32x4.splat (f32.load ${attAt(get('s'))}))`),
        ...acc.map((a, c) => set(a, vadd(get(a), vmul(get('a0'), vload(get('vp'), 16 * c))))),
      ),
    ),
    ...acc.map((a, c) => vstore(get('yp'), get(a), 16 * c)),
  );
  return lines(
    `(func (export "attn_fwd_${hv}") (param $y i32) (param $att i32) (param $qkv i32) (param $B i32) (param $T i32)`,
    `  (param $C i32) (param $nh i32)`,
    `  ${COMMON_LOCALS} (local $yp i32) (local $max f32) (local $sum f32) (local $d f32)`,
    `  (local $mx4 v128) (local $x v128) (local $e v128) ${locals(q, 'v128')} ${locals(acc, 'v128')} ${EXP_LOCALS}`,
    prologue(hv),
    overHeadsAndRows(
      true,
      row,
      lines(
        inc('qp', get('rs')),
        inc('yp', `(i32.shl ${get('C')} (i32.const 2))`),
        inc('arow', get('T')),
      ),
    ),
    ')',
  );
}

/**
 * dqkv from dy (ops/attention.ts's attentionBackward):
 *   dAtt[t,s] = dy_t·v_s,  dv_s += p·dy_t,  dScore = p·(dAtt − Σ_s p·dAtt)/√hs,
 *   dq_t += dScore·k_s,    dk_s += dScore·q_t.
 * scratch holds dAtt for one row t.
 */
export function attentionBackward(hv: number): string {
  const dy = chunk('dy', hv);
  const q = chunk('q', hv);
  const dq = chunk('acc', hv);
  const scale = 1 / Math.sqrt(4 * hv);
  /** d(x) at row j ahead of pointer p: the same address in dqkv. */
  const dAddr = (p: string, j: number): string => `(i32.add ${rowAhead(p, j)} ${get('dd')})`;
  const addInto = (addr: string, c: number, v: string): string =>
    vstore(addr, vadd(vload(addr, 16 * c), v), 16 * c);
  const row = lines(
    ...dy.map((x, c) => set(x, vload(get('dyp'), 16 * c))),
    ...q.map((x, c) => set(x, vload(get('qp'), 16 * c))),
    // pass 1: dAtt = dy_t·v_s into scratch, dv_s += p·dy_t, dot = Σ p·dAtt
    set('dot4', splat(0)),
    set('dot', f32(0)),
    causalBlocks(
      'p1',
      'vp',
      lines(
        ...range(4).map((j) => set(`a${j}`, dotChunks(dy, rowAhead('vp', j)))),
        hsum4(['a0', 'a1', 'a2', 'a3']),
        vstore(at('scratch', get('s')), get('h4')),
        set('pv', vload(attAt(get('s')))),
        set('dot4', vadd(get('dot4'), vmul(get('pv'), get('h4')))),
        ...range(4).flatMap((j) => [
          set('a0', laneSplat(get('pv'), j)),
          ...dy.map((x, c) => addInto(dAddr('vp', j), c, vmul(get('a0'), get(x)))),
        ]),
      ),
      lines(
        set('a0', dotChunks(dy, get('vp'))),
        set('d', hsum('a0')),
        `(f32.store ${at('scratch', get('s'))} ${get('d')})`,
        set('p', `(f32.load ${attAt(get('s'))})`),
        set('dot', `(f32.add ${get('dot')} (f32.mul ${get('p')} ${get('d')}))`),
        set('a0', `(f32x4.splat ${get('p')})`),
        ...dy.map((x, c) => addInto(dAddr('vp', 0), c, vmul(get('a0'), get(x)))),
      ),
    ),
    set('dot', `(f32.add ${get('dot')} ${hsum('dot4')})`),
    set('dot4', `(f32x4.splat ${get('dot')})`),
    // pass 2: dScore, then dq_t (in registers) and dk_s
    ...dq.map((a) => set(a, splat(0))),
    causalBlocks(
      'p2',
      'kp',
      lines(
        set(
          'pv',
          vmul(
            vmul(vload(attAt(get('s'))), vsub(vload(at('scratch', get('s'))), get('dot4'))),
            splat(scale),
          ),
        ),
        ...range(4).flatMap((j) => [
          set('a0', laneSplat(get('pv'), j)),
          ...dq.map((a, c) =>
            set(a, vadd(get(a), vmul(get('a0'), vload(rowAhead('kp', j), 16 * c)))),
          ),
          ...q.map((x, c) => addInto(dAddr('kp', j), c, vmul(get('a0'), get(x)))),
        ]),
      ),
      lines(
        set(
          'a0',
          `(f32x4.splat (f32.mul (f32.mul (f32.load ${attAt(get('s'))}) (f32.sub (f32.load ${at('scratch', get('s'))}) ${get('dot')})) ${f32(scale)}))`,
        ),
        ...dq.map((a, c) => set(a, vadd(get(a), vmul(get('a0'), vload(get('kp'), 16 * c))))),
        ...q.map((x, c) => addInto(dAddr('kp', 0), c, vmul(get('a0'), get(x)))),
      ),
    ),
    ...dq.map((a, c) => addInto(`(i32.add ${get('qp')} ${get('dd')})`, c, get(a))),
  );
  return lines(
    `(func (export "attn_bwd_${hv}") (param $dqkv i32) (param $scratch i32) (param $dy i32) (param $att i32)`,
    `  (param $qkv i32) (param $B i32) (param $T i32) (param $C i32) (param $nh i32)`,
    `  ${COMMON_LOCALS} (local $dd i32) (local $dyp i32) (local $p f32) (local $d f32) (local $dot f32) (local $dot4 v128)`,
    `  ${locals(dy, 'v128')} ${locals(q, 'v128')} ${locals(dq, 'v128')}`,
    prologue(hv),
    set('dd', `(i32.sub ${get('dqkv')} ${get('qkv')})`),
    `(memory.fill ${get('dqkv')} (i32.const 0) (i32.shl (i32.mul (i32.mul ${get('B')} ${get('T')}) ${get('C3')}) (i32.const 2)))`,
    overHeadsAndRows(
      false,
      lines(
        set(
          'dyp',
          `(i32.add ${get('dy')} (i32.shl (i32.add (i32.mul (i32.add (i32.mul ${get('b')} ${get('T')}) ${get('t')}) ${get('C')}) (i32.mul ${get('h')} ${get('hs')})) (i32.const 2)))`,
        ),
        row,
      ),
      lines(inc('qp', get('rs')), inc('arow', get('T'))),
    ),
    ')',
  );
}
