import type { ModelConfig } from './config';
import type { Floats } from './floats';
import { attentionBackward, attentionForward } from './ops/attention';
import { geluBackward, geluForward } from './ops/gelu';
import { linearBackward, linearForward } from './ops/linear';
import { matmulAB } from './ops/matmul';
import { blockPrefix, type ParamBuffer } from './params';
import type { Workspace } from './workspace';

/**
 * The two functions f a block adds to the stream, without the residual wiring (model.ts owns
 * that). Each reads its input `x` (N, C) and writes its contribution `out` (N, C); each
 * backward takes ∂/∂out and writes ∂/∂x to ws.dFIn while adding to the parameter gradients
 * (when there are any: an inference model's stream gradient passes g = null). Both are a linear layer in, a nonlinearity, and a linear layer out.
 */

/** Block l's sublayer: reads x (N, C), writes its contribution to out (N, C). */
type SublayerForward = (
  c: ModelConfig,
  p: ParamBuffer,
  ws: Workspace,
  l: number,
  x: Floats,
  out: Floats,
) => void;

/** Given dOut = ∂/∂out, writes ∂/∂x to ws.dFIn and adds the parameter gradients to g, if any. */
type SublayerBackward = (
  c: ModelConfig,
  p: ParamBuffer,
  g: ParamBuffer | null,
  ws: Workspace,
  l: number,
  x: Floats,
  dOut: Floats,
) => void;

/** y[N,O] = x[N,I]·Wᵀ + b with W, b the parameters `<name>.weight`, `<name>.bias`. */
function namedLinearForward(
  p: ParamBuffer,
  name: string,
  y: Floats,
  x: Floats,
  [N, I, O]: [number, number, number],
): void {
  linearForward(y, x, p.get(name + '.weight'), p.get(name + '.bias'), N, I, O);
}

/** dx = dy·W, with ∂W and ∂b added to `<name>.weight`, `<name>.bias` in g unless g is null. */
function namedLinearBackward(
  p: ParamBuffer,
  g: ParamBuffer | null,
  name: string,
  dx: Floats,
  dy: Floats,
  x: Floats,
  [N, I, O]: [number, number, number],
): void {
  const weight = name + '.weight';
  // Without parameter gradients the product dyᵀ·x, as costly as dx itself, is skipped.
  if (!g) return matmulAB(dx, dy, p.get(weight), N, O, I);
  linearBackward(dx, g.get(weight), g.get(name + '.bias'), dy, x, p.get(weight), N, I, O);
}

/** f(x) = attn(x·W_qkvᵀ + b_qkv)·W_projᵀ + b_proj */
export const attentionSublayerForward: SublayerForward = (c, p, ws, l, x, out) => {
  const pre = blockPrefix(l) + 'attn.';
  const C = c.dModel;
  namedLinearForward(p, pre + 'c_attn', ws.qkv[l], x, [ws.N, C, 3 * C]);
  attentionForward(ws.attOut[l], ws.att[l], ws.qkv[l], ws.B, ws.T, C, c.nHeads);
  namedLinearForward(p, pre + 'c_proj', out, ws.attOut[l], [ws.N, C, C]);
};

export const attentionSublayerBackward: SublayerBackward = (c, p, g, ws, l, x, dOut) => {
  const pre = blockPrefix(l) + 'attn.';
  const C = c.dModel;
  namedLinearBackward(p, g, pre + 'c_proj', ws.dAttOut, dOut, ws.attOut[l], [ws.N, C, C]);
  const { dQkv, scratchT, dAttOut, B, T } = ws;
  attentionBackward(dQkv, scratchT, dAttOut, ws.att[l], ws.qkv[l], B, T, C, c.nHeads);
  namedLinearBackward(p, g, pre + 'c_attn', ws.dFIn, ws.dQkv, x, [ws.N, C, 3 * C]);
};

/** f(x) = gelu(x·W_fcᵀ + b_fc)·W_projᵀ + b_proj */
export const mlpSublayerForward: SublayerForward = (c, p, ws, l, x, out) => {
  const pre = blockPrefix(l) + 'mlp.';
  const C = c.dModel;
  const H = c.mlpHidden;
  namedLinearForward(p, pre + 'c_fc', ws.fcPre[l], x, [ws.N, C, H]);
  geluForward(ws.fcAct[l], ws.fcPre[l], ws.N * H);
  namedLinearForward(p, pre + 'c_proj', out, ws.fcAct[l], [ws.N, H, C]);
};

export const mlpSublayerBackward: SublayerBackward = (c, p, g, ws, l, x, dOut) => {
  const pre = blockPrefix(l) + 'mlp.';
  const C = c.dModel;
  const H = c.mlpHidden;
  namedLinearBackward(p, g, pre + 'c_proj', ws.dFcAct, dOut, ws.fcAct[l], [ws.N, H, C]);
  geluBackward(ws.dFcPre, ws.dFcAct, ws.fcPre[l], ws.N * H);
  namedLinearBackward(p, g, pre + 'c_fc', ws.dFIn, ws.dFcPre, x, [ws.N, C, H]);
};
