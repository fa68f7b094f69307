import type { Floats } from '../floats';
import type { attentionBackward, attentionForward, AttentionDims } from '../ops/attention';
import type { crossEntropyForward } from '../ops/crossEntropy';
import type { layerNormBackward, layerNormForward } from '../ops/layernorm';
import type { linearBackward, linearForward } from '../ops/linear';
import type { Matmul, MatmulLayout } from '../ops/matmul';

/**
 * The WebAssembly SIMD kernels (source.ts) behind the ops, for Float32 buffers. The model's
 * buffers live in ordinary typed arrays, so each op copies its operands into the module's
 * memory, runs one kernel and copies the results back: plain memcpy, a few percent of the
 * arithmetic on our shapes. Each method has the signature and meaning of the op it serves
 * (ops/*.ts), and allocates nothing once the memory has grown to the largest op's size.
 * The one exception: a traced model's weights can live in this memory (holdWeights), and
 * then the products read them in place.
 *
 * The TS ops stay the reference: Float64 always uses them, and so does Float32 where
 * WebAssembly SIMD is missing or after setKernelChoice('ts').
 */
type AttentionForward = (y: number, att: number, qkv: number, ...dims: AttentionDims) => void;
type AttentionBackward = (
  dqkv: number,
  scratch: number,
  dy: number,
  att: number,
  qkv: number,
  ...dims: AttentionDims
) => void;

/** c[M,N] (+)= op(a)[M,K]·b[K,N] (+ bias[N]), by `flags` (ACCUMULATE, BIAS) */
type Gemm = (
  c: number,
  a: number,
  b: number,
  bias: number,
  M: number,
  K: number,
  N: number,
  flags: number,
) => void;

interface KernelExports {
  memory: WebAssembly.Memory;
  gemm_nn: Gemm;
  gemm_tn: Gemm;
  gemm_nt: Gemm;
  transpose(dst: number, src: number, R: number, C: number): void;
  colsum_acc(db: number, a: number, K: number, M: number): void;
  gelu_fwd(y: number, x: number, n: number): void;
  gelu_bwd(dx: number, dy: number, x: number, n: number): void;
  softmax_rows(probs: number, logits: number, stats: number, N: number, V: number): void;
  ln_fwd(
    y: number,
    mean: number,
    rstd: number,
    x: number,
    g: number,
    b: number,
    N: number,
    C: number,
    eps: number,
  ): void;
  ln_bwd(
    dx: number,
    dg: number,
    db: number,
    dy: number,
    x: number,
    mean: number,
    rstd: number,
    g: number,
    N: number,
    C: number,
    acc: number,
  ): void;
}

/** attn_fwd_<hv> and attn_bwd_<hv>, one per head size 4·hv, from the core module and GPT-2's. */
type AttentionKernels = Record<`attn_${'fwd' | 'bwd'}_${number}`, unknown>;

const ACCUMULATE = 1;
const BIAS = 2;
const PAGE = 65536;
/** Scratch starts past 0 so no operand ever sits at the null address. */
const BASE = 64;

export class F32Kernels {
  private readonly k: KernelExports;
  private heap: Float32Array;
  /** Held weights fill [BASE, scratchBase); every op's scratch starts above them. */
  private scratchBase = BASE;
  private top = BASE;
  /** Set while weights are held: the memory may not grow then (growing detaches every view of it). */
  private fixed = false;
  /** Views of the memory, cached by (address, length) so copying out allocates nothing. */
  private readonly views = new Map<number, Float32Array>();

  private attention: AttentionKernels;

  constructor(module: WebAssembly.Module) {
    this.k = new WebAssembly.Instance(module).exports as unknown as KernelExports;
    this.attention = { ...this.k } as AttentionKernels;
    this.heap = new Float32Array(this.k.memory.buffer);
  }

  /** Adds the attention functions of a module on this memory (GPT-2's head sizes, source.ts). */
  addAttention(module: WebAssembly.Module): void {
    const extra = new WebAssembly.Instance(module, { kernels: { memory: this.k.memory } }).exports;
    this.attention = { ...this.attention, ...extra } as AttentionKernels;
  }

  // --- scratch memory: every op starts again at BASE ---------------------------------

  private begin(): void {
    this.top = this.scratchBase;
  }

  // --- held weights: a model's parameters living in this memory, read in place -----------

  /**
   * Room for n floats at the start of the memory, for a model's weights to live in (its
   * ParamBuffer moves there), with `reserveBytes` of scratch above for every op after. The
   * memory grows to that size now and not again until releaseWeights, since growing would
   * detach the views the model reads; an op that needs more scratch throws instead.
   */
  holdWeights(n: number, reserveBytes: number): Float32Array {
    this.releaseWeights();
    this.top = BASE;
    const ptr = this.alloc(n);
    this.scratchBase = this.top;
    this.alloc(reserveBytes / 4);
    this.fixed = true;
    return new Float32Array(this.k.memory.buffer, ptr, n);
  }

  /** Ends holding weights; their room becomes scratch (WebAssembly memory never shrinks). */
  releaseWeights(): void {
    this.fixed = false;
    this.scratchBase = BASE;
  }

  /** Bytes the held weights take. */
  heldBytes(): number {
    return this.scratchBase - BASE;
  }

  /** Bytes of the module's whole memory: held weights and the largest op's scratch so far. */
  memoryBytes(): number {
    return this.k.memory.buffer.byteLength;
  }

  /** The address of w's first n floats: w itself when it lives in this memory, else a copy in the scratch. */
  private operand(w: Floats, n: number): number {
    return w.buffer === this.k.memory.buffer ? w.byteOffset : this.put(w, n);
  }

  /** n floats, 16-byte aligned; returns a byte address. Grows the memory when needed. */
  private alloc(n: number): number {
    const ptr = this.top;
    this.top = ptr + ((4 * n + 15) & ~15);
    const memory = this.k.memory;
    if (this.top > memory.buffer.byteLength) {
      if (this.fixed) {
        throw new Error(
          `An op needs ${Math.ceil((this.top - this.scratchBase) / 2 ** 20)} MB of scratch, more than is kept beside the model's weights in the kernels' memory`,
        );
      }
      memory.grow(Math.ceil((this.top - memory.buffer.byteLength) / PAGE));
      this.heap = new Float32Array(memory.buffer);
      this.views.clear();
    }
    return ptr;
  }

  /** Copies the first n floats of src in. */
  private put(src: Floats, n: number): number {
    const ptr = this.alloc(n);
    this.heap.set(src.length === n ? src : src.subarray(0, n), ptr >> 2);
    return ptr;
  }

  private view(ptr: number, n: number): Float32Array {
    const key = (ptr >> 4) * 2 ** 26 + n;
    let v = this.views.get(key);
    if (!v) {
      v = this.heap.subarray(ptr >> 2, (ptr >> 2) + n);
      if (n < 2 ** 26) this.views.set(key, v);
    }
    return v;
  }

  /** Copies n floats out to the start of dst. */
  private take(dst: Floats, ptr: number, n: number): void {
    dst.set(this.view(ptr, n));
  }

  // --- ops ---------------------------------------------------------------------------

  /** out[M,N] (+)= op(a)·op(b) for the three layouts of ops/matmul.ts. */
  matmul(layout: MatmulLayout, ...[out, a, b, M, K, N, accumulate]: Parameters<Matmul>): void {
    this.begin();
    const pa = this.put(a, M * K);
    if (layout === 'ABt' && K % 4 === 0) {
      // b [N,K] read along its rows as it is stored: no transpose, no copy when resident.
      const pb = this.operand(b, K * N);
      const pc = accumulate ? this.put(out, M * N) : this.alloc(M * N);
      this.k.gemm_nt(pc, pa, pb, 0, M, K, N, accumulate ? ACCUMULATE : 0);
      this.take(out, pc, M * N);
      return;
    }
    // A·B reads b [K,N] as stored: a weight in dX = dY·W, resident or copied.
    let pb = layout === 'AB' ? this.operand(b, K * N) : this.put(b, K * N);
    if (layout === 'ABt') {
      // b is [N,K]: one transpose to [K,N] so the product runs the A·B kernel.
      const bt = this.alloc(K * N);
      this.k.transpose(bt, pb, N, K);
      pb = bt;
    }
    const pc = accumulate ? this.put(out, M * N) : this.alloc(M * N);
    const flags = accumulate ? ACCUMULATE : 0;
    if (layout === 'AtB') this.k.gemm_tn(pc, pa, pb, 0, M, K, N, flags);
    else this.k.gemm_nn(pc, pa, pb, 0, M, K, N, flags);
    this.take(out, pc, M * N);
  }

  /** y[N,O] = x[N,I]·w[O,I]ᵀ + b */
  linearForward(...[y, x, w, b, N, I, O]: Parameters<typeof linearForward>): void {
    this.begin();
    const px = this.put(x, N * I);
    const pbias = b ? this.operand(b, O) : 0;
    const py = this.alloc(N * O);
    const flags = b ? BIAS : 0;
    if (I % 4 === 0) {
      this.k.gemm_nt(py, px, this.operand(w, O * I), pbias, N, I, O, flags);
    } else {
      const pw = this.put(w, O * I);
      const pwt = this.alloc(I * O);
      this.k.transpose(pwt, pw, O, I);
      this.k.gemm_nn(py, px, pwt, pbias, N, I, O, flags);
    }
    this.take(y, py, N * O);
  }

  /** dx = dy·w (written or added), dw += dyᵀ·x, db += Σ_n dy, with dy copied in once. */
  linearBackward(
    ...[dx, dw, db, dy, x, w, N, I, O, accumulateDx]: Parameters<typeof linearBackward>
  ): void {
    this.begin();
    const pdy = this.put(dy, N * O);
    if (dx) {
      const pw = this.operand(w, O * I);
      const pdx = accumulateDx ? this.put(dx, N * I) : this.alloc(N * I);
      this.k.gemm_nn(pdx, pdy, pw, 0, N, O, I, accumulateDx ? ACCUMULATE : 0);
      this.take(dx, pdx, N * I);
    }
    const px = this.put(x, N * I);
    const pdw = this.put(dw, O * I);
    this.k.gemm_tn(pdw, pdy, px, 0, O, N, I, ACCUMULATE);
    this.take(dw, pdw, O * I);
    if (db) {
      const pdb = this.put(db, O);
      this.k.colsum_acc(pdb, pdy, N, O);
      this.take(db, pdb, O);
    }
  }

  layerNormForward(
    ...[y, mean, rstd, x, g, b, N, C, eps]: Required<Parameters<typeof layerNormForward>>
  ): void {
    this.begin();
    const px = this.put(x, N * C);
    const pg = this.put(g, C);
    const pb = this.put(b, C);
    const py = this.alloc(N * C);
    const pm = this.alloc(N);
    const pr = this.alloc(N);
    this.k.ln_fwd(py, pm, pr, px, pg, pb, N, C, eps);
    this.take(y, py, N * C);
    this.take(mean, pm, N);
    this.take(rstd, pr, N);
  }

  layerNormBackward(
    ...[dx, dg, db, dy, x, mean, rstd, g, N, C, accumulate]: Parameters<typeof layerNormBackward>
  ): void {
    this.begin();
    const pdy = this.put(dy, N * C);
    const px = this.put(x, N * C);
    const pm = this.put(mean, N);
    const pr = this.put(rstd, N);
    const pg = this.put(g, C);
    const pdg = this.put(dg, C);
    const pdb = this.put(db, C);
    const pdx = accumulate ? this.put(dx, N * C) : this.alloc(N * C);
    this.k.ln_bwd(pdx, pdg, pdb, pdy, px, pm, pr, pg, N, C, accumulate ? 1 : 0);
    this.take(dx, pdx, N * C);
    this.take(dg, pdg, C);
    this.take(db, pdb, C);
  }

  geluForward(y: Floats, x: Floats, n: number): void {
    this.begin();
    const px = this.put(x, n);
    const py = this.alloc(n);
    this.k.gelu_fwd(py, px, n);
    this.take(y, py, n);
  }

  geluBackward(dx: Floats, dy: Floats, x: Floats, n: number): void {
    this.begin();
    const pdy = this.put(dy, n);
    const px = this.put(x, n);
    const pdx = this.alloc(n);
    this.k.gelu_bwd(pdx, pdy, px, n);
    this.take(dx, pdx, n);
  }

  /** The attention kernels hold a head in registers, four floats a lane: one per hs = 4, 8, …, 32, 48, 64, 80. */
  attentionFits(C: number, nh: number): boolean {
    const hs = C / nh;
    return hs % 4 === 0 && typeof this.attention[`attn_fwd_${hs / 4}`] === 'function';
  }

  attentionForward(...[y, att, qkv, B, T, C, nh]: Parameters<typeof attentionForward>): void {
    this.begin();
    const pqkv = this.put(qkv, B * T * 3 * C);
    const py = this.alloc(B * T * C);
    const patt = this.alloc(B * nh * T * T);
    const kernel = this.attention[`attn_fwd_${C / nh / 4}`] as AttentionForward;
    kernel(py, patt, pqkv, B, T, C, nh);
    this.take(y, py, B * T * C);
    this.take(att, patt, B * nh * T * T);
  }

  attentionBackward(
    ...[dqkv, , dy, att, qkv, B, T, C, nh]: Parameters<typeof attentionBackward>
  ): void {
    this.begin();
    const pdy = this.put(dy, B * T * C);
    const patt = this.put(att, B * nh * T * T);
    const pqkv = this.put(qkv, B * T * 3 * C);
    const pdqkv = this.alloc(B * T * 3 * C);
    const pscratch = this.alloc(T);
    const kernel = this.attention[`attn_bwd_${C / nh / 4}`] as AttentionBackward;
    kernel(pdqkv, pscratch, pdy, patt, pqkv, B, T, C, nh);
    this.take(dqkv, pdqkv, B * T * 3 * C);
  }

  /** Softmax rows into probs; returns the mean −log p[target] over rows whose target is not IGNORE (−1), NaN if none. */
  crossEntropyForward(
    ...[probs, logits, targets, N, V]: Parameters<typeof crossEntropyForward>
  ): number {
    this.begin();
    const pl = this.put(logits, N * V);
    const pp = this.alloc(N * V);
    const ps = this.alloc(2 * N);
    this.k.softmax_rows(pp, pl, ps, N, V);
    this.take(probs, pp, N * V);
    if (!targets) return NaN;
    const h = this.heap;
    let total = 0;
    let count = 0;
    for (let n = 0; n < N; n++) {
      const target = targets[n];
      if (target === -1) continue;
      // log p = logit − max − log Σ e^{logit − max}
      const max = h[(ps >> 2) + 2 * n];
      const sum = h[(ps >> 2) + 2 * n + 1];
      total -= h[(pl >> 2) + n * V + target] - max - Math.log(sum);
      count++;
    }
    return count === 0 ? NaN : total / count;
  }
}
