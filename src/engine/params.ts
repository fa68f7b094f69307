import type { ModelConfig } from './config';
import { allocFloats, type Floats, type Precision } from './floats';
import { sublayerCount } from './positions';
import { Rng } from './rng';

/**
 * Every parameter lives in one flat buffer, each tensor a named view into it. One buffer
 * makes the optimiser a single loop, the gradient norm a single sum, and a copy one `set`.
 * Names follow nanoGPT (docs/MODEL.md), so our weights load into it directly.
 */
export interface ParamSpec {
  name: string;
  shape: number[];
  offset: number;
  size: number;
  /** AdamW weight decay applies to matrices (weights and embeddings), not to biases or gains. */
  decay: boolean;
  init: 'normal' | 'zeros' | 'ones';
  /** Standard-deviation factor on top of the scheme's base (GPT-2's 1/√(2L) on residual projections). */
  scale: number;
  /** For Xavier: fan-in and fan-out of a linear weight. */
  fans?: [number, number];
}

export const blockPrefix = (l: number): string => `transformer.h.${l}.`;

export function paramSpecs(c: ModelConfig): ParamSpec[] {
  const C = c.dModel;
  const H = c.mlpHidden;
  const specs: ParamSpec[] = [];
  let offset = 0;
  const add = (
    name: string,
    shape: number[],
    init: ParamSpec['init'],
    opts: { decay?: boolean; scale?: number; linear?: boolean } = {},
  ): void => {
    const size = shape.reduce((a, b) => a * b, 1);
    specs.push({
      name,
      shape,
      offset,
      size,
      decay: opts.decay ?? false,
      init,
      scale: opts.scale ?? 1,
      fans: opts.linear ? [shape[1], shape[0]] : undefined,
    });
    offset += size;
  };
  // Only 'gpt2' scales the projections that write into the stream, one per sublayer: 1/√(2L)
  // in GPT-2's words (see InitScheme).
  const residualScale = c.init === 'gpt2' ? 1 / Math.sqrt(sublayerCount(c.nLayers)) : 1;
  add('transformer.wte.weight', [c.vocabSize, C], 'normal', { decay: true });
  add('transformer.wpe.weight', [c.contextLength, C], 'normal', { decay: true });
  for (let l = 0; l < c.nLayers; l++) {
    const p = blockPrefix(l);
    if (c.norm !== 'none') {
      add(p + 'ln_1.weight', [C], 'ones');
      add(p + 'ln_1.bias', [C], 'zeros');
    }
    add(p + 'attn.c_attn.weight', [3 * C, C], 'normal', { decay: true, linear: true });
    add(p + 'attn.c_attn.bias', [3 * C], 'zeros');
    add(p + 'attn.c_proj.weight', [C, C], 'normal', {
      decay: true,
      linear: true,
      scale: residualScale,
    });
    add(p + 'attn.c_proj.bias', [C], 'zeros');
    if (c.norm !== 'none') {
      add(p + 'ln_2.weight', [C], 'ones');
      add(p + 'ln_2.bias', [C], 'zeros');
    }
    add(p + 'mlp.c_fc.weight', [H, C], 'normal', { decay: true, linear: true });
    add(p + 'mlp.c_fc.bias', [H], 'zeros');
    add(p + 'mlp.c_proj.weight', [C, H], 'normal', {
      decay: true,
      linear: true,
      scale: residualScale,
    });
    add(p + 'mlp.c_proj.bias', [C], 'zeros');
  }
  add('transformer.ln_f.weight', [C], 'ones');
  add('transformer.ln_f.bias', [C], 'zeros');
  return specs;
}

/** A flat buffer with named views; used for the parameters, their gradients and Adam's moments. */
export class ParamBuffer {
  readonly specs: readonly ParamSpec[];
  private buffer: Floats;
  private readonly views = new Map<string, Floats>();

  constructor(specs: readonly ParamSpec[], precision: Precision) {
    this.specs = specs;
    const last = specs[specs.length - 1];
    this.buffer = allocFloats(precision, last.offset + last.size);
    this.makeViews();
  }

  get data(): Floats {
    return this.buffer;
  }

  /**
   * Copies the values into `storage` and points every named view there: how an inference
   * model's weights move into the WebAssembly kernels' memory and back
   * (engine/residentWeights.ts). Views taken before the move keep the old values.
   */
  moveTo(storage: Floats): void {
    if (storage.length !== this.buffer.length) {
      throw new Error(`moveTo needs ${this.buffer.length} floats, got ${storage.length}`);
    }
    storage.set(this.buffer);
    this.buffer = storage;
    this.makeViews();
  }

  private makeViews(): void {
    for (const s of this.specs)
      this.views.set(s.name, this.buffer.subarray(s.offset, s.offset + s.size));
  }

  get(name: string): Floats {
    const v = this.views.get(name);
    if (!v) throw new Error(`No parameter named ${JSON.stringify(name)}`);
    return v;
  }

  has(name: string): boolean {
    return this.views.has(name);
  }
}

export const GPT2_STD = 0.02;

/** Fills `params` from the config's seed: the same config gives the same bits. */
export function initParams(params: ParamBuffer, c: ModelConfig): void {
  const rng = new Rng(c.seed);
  for (const s of params.specs) {
    const v = params.get(s.name);
    if (s.init === 'zeros') v.fill(0);
    else if (s.init === 'ones') v.fill(1);
    else if (c.init === 'xavier' && s.fans) {
      const bound = Math.sqrt(6 / (s.fans[0] + s.fans[1]));
      for (let i = 0; i < v.length; i++) v[i] = (2 * rng.next() - 1) * bound;
    } else {
      const std = GPT2_STD * s.scale;
      for (let i = 0; i < v.length; i++) v[i] = rng.normal() * std;
    }
  }
}
