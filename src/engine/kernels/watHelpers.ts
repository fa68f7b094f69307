/** Small builders of WebAssembly text shared by the kernel generators. */

export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
export const lines = (...parts: (string | string[])[]): string => parts.flat().join('\n');

/** `while (cond) { body }` with labels unique per name. */
export function whileLoop(name: string, cond: string, body: string): string {
  return lines(
    `(block $${name}_end (loop $${name}`,
    `  (br_if $${name}_end (i32.eqz ${cond}))`,
    body,
    `  (br $${name})))`,
  );
}

/**
 * for (n = 0; n < N; n++) { row = n·len; body }: the loop over rows of the row kernels,
 * which declare locals $n and $row and take the row count as param $N.
 */
export function forEachRow(len: string, ...body: string[]): string {
  return lines(
    set('n', i32(0)),
    whileLoop(
      'n',
      `(i32.lt_s ${get('n')} ${get('N')})`,
      lines(set('row', `(i32.mul ${get('n')} ${get(len)})`), ...body, inc('n', 1)),
    ),
  );
}

export const get = (x: string): string => `(local.get $${x})`;
export const set = (x: string, e: string): string => `(local.set $${x} ${e})`;
export const inc = (x: string, by: string | number): string =>
  set(x, `(i32.add ${get(x)} ${typeof by === 'number' ? `(i32.const ${by})` : by})`);
export const i32 = (n: number): string => `(i32.const ${n})`;
/** A number as WAT writes it (infinities are `inf`). */
const num = (n: number): string => (n === Infinity ? 'inf' : n === -Infinity ? '-inf' : String(n));
export const f32 = (n: number): string => `(f32.const ${num(n)})`;
export const splat = (n: number): string => `(v128.const f32x4 ${Array(4).fill(num(n)).join(' ')})`;
export const vadd = (a: string, b: string): string => `(f32x4.add ${a} ${b})`;
export const vmul = (a: string, b: string): string => `(f32x4.mul ${a} ${b})`;
export const vsub = (a: string, b: string): string => `(f32x4.sub ${a} ${b})`;
export const vload = (p: string, offset = 0): string => `(v128.load offset=${offset} ${p})`;
export const vstore = (p: string, v: string, offset = 0): string =>
  `(v128.store offset=${offset} ${p} ${v})`;
/** Byte address p + 4·i. */
export const at = (p: string, i: string): string =>
  `(i32.add ${get(p)} (i32.shl ${i} (i32.const 2)))`;

/** Sum of the four lanes of a v128 held in local `v` (clobbers it). */
export function hsum(v: string): string {
  return lines(
    set(
      v,
      vadd(get(v), `(i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 ${get(v)} ${get(v)})`),
    ),
    `(f32.add (f32x4.extract_lane 0 ${get(v)}) (f32x4.extract_lane 1 ${get(v)}))`,
  );
}

/**
 * e^x on four lanes (Cephes expf): x = n·ln2 + r with |r| ≤ ln2/2, e^r = 1 + r + r²·p(r)
 * with p of degree 5, and 2^n built in the exponent bits. Relative error about 2 ulp.
 * n is rounded by adding 1.5·2²³ (whose float spacing is 1), which also leaves n + const
 * in the low mantissa bits: (bits + 127) << 23 is then the f32 pattern of 2^n, since the
 * shift drops the constant's bits. Inputs below −87.33 give 0, inputs above 88 are
 * clamped (e^88 ≈ 1.7e38); NaN stays NaN. Reads local `x`, writes local `ex`.
 */
export function exp4(x: string, ex: string): string {
  const en = 'exp_n';
  const er = 'exp_r';
  const magic = splat(12582912); // 1.5·2²³
  const poly = [
    1.98756915e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1,
    5.0000001201e-1,
  ];
  let p = splat(poly[0]);
  for (const c of poly.slice(1)) p = vadd(vmul(p, get(er)), splat(c));
  return lines(
    set(ex, `(f32x4.max (f32x4.min ${get(x)} ${splat(88)}) ${splat(-87.33)})`),
    set(en, vadd(vmul(get(ex), splat(1.4426950408889634)), magic)), // n + 1.5·2²³
    set(
      er,
      vsub(
        vsub(get(ex), vmul(vsub(get(en), magic), splat(0.693359375))),
        vmul(vsub(get(en), magic), splat(-2.1219444e-4)),
      ),
    ),
    set(en, `(i32x4.shl (i32x4.add ${get(en)} (v128.const i32x4 127 127 127 127)) (i32.const 23))`),
    // e^r · 2^n
    set(ex, vmul(vadd(vadd(vmul(vmul(p, get(er)), get(er)), get(er)), splat(1)), get(en))),
    set(ex, `(v128.andnot ${get(ex)} (f32x4.lt ${get(x)} ${splat(-87.33)}))`),
  );
}
export const EXP_LOCALS = '(local $exp_n v128) (local $exp_r v128)';

/**
 * Vector loop over `n` elements from index local `idx`, four at a time, then a scalar tail
 * that runs the same vector code on a one-lane load (so both share one formula).
 */
export function vectorThenTail(id: string, n: string, vecBody: (lanes: 4 | 1) => string): string {
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
export const loadLanes = (lanes: 4 | 1, p: string): string =>
  lanes === 4 ? vload(p) : `(f32x4.splat (f32.load ${p}))`;
export const storeLanes = (lanes: 4 | 1, p: string, v: string): string =>
  lanes === 4 ? vstore(p, v) : `(f32.store ${p} (f32x4.extract_lane 0 ${v}))`;
