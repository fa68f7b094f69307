import type { ModelConfig } from './config';
import type { Floats } from './floats';
import { attentionBackward, attentionForward } from './ops/attention';
import { geluBackward, geluForward } from './ops/gelu';
import { linearBackward, linearForward } from './ops/linear';
import { blockPrefix, type ParamBuffer } from './params';
import type { Workspace } from './workspace';

/**
 * The two functions f a block adds to the stream, without the residual wiring (model.ts owns
 * that). Each reads its input `x` (N, C) and writes its contribution `out` (N, C); each
 * backward takes ∂/∂out and writes ∂/∂x to ws.dFIn while adding to the parameter gradients.
 */

/** f(x) = attn(x·W_qkvᵀ + b_qkv)·W_projᵀ + b_proj */
export function attentionSublayerForward(
  c: ModelConfig,
  p: ParamBuffer,
  ws: Workspace,
  l: number,
  x: Floats,
  out: Floats,
): void {
  const pre = blockPrefix(l) + 'attn.';
  const C = c.dModel;
  linearForward(
    ws.qkv[l],
    x,
    p.get(pre + 'c_attn.weight'),
    p.get(pre + 'c_attn.bias'),
    ws.N,
    C,
    3 * C,
  );
  attentionForward(ws.attOut[l], ws.att[l], ws.qkv[l], ws.B, ws.T, C, c.nHeads);
  linearForward(
    out,
    ws.attOut[l],
    p.get(pre + 'c_proj.weight'),
    p.get(pre + 'c_proj.bias'),
    ws.N,
    C,
    C,
  );
}

export function attentionSublayerBackward(
  c: ModelConfig,
  p: ParamBuffer,
  g: ParamBuffer,
  ws: Workspace,
  l: number,
  x: Floats,
  dOut: Floats,
): void {
  const pre = blockPrefix(l) + 'attn.';
  const C = c.dModel;
  const N = ws.N;
  linearBackward(
    ws.dAttOut,
    g.get(pre + 'c_proj.weight'),
    g.get(pre + 'c_proj.bias'),
    dOut,
    ws.attOut[l],
    p.get(pre + 'c_proj.weight'),
    N,
    C,
    C,
  );
  attentionBackward(
    ws.dQkv,
    ws.scratchT,
    ws.dAttOut,
    ws.att[l],
    ws.qkv[l],
    ws.B,
    ws.T,
    C,
    c.nHeads,
  );
  linearBackward(
    ws.dFIn,
    g.get(pre + 'c_attn.weight'),
    g.get(pre + 'c_attn.bias'),
    ws.dQkv,
    x,
    p.get(pre + 'c_attn.weight'),
    N,
    C,
    3 * C,
  );
}

/** f(x) = gelu(x·W_fcᵀ + b_fc)·W_projᵀ + b_proj */
export function mlpSublayerForward(
  c: ModelConfig,
  p: ParamBuffer,
  ws: Workspace,
  l: number,
  x: Floats,
  out: Floats,
): void {
  const pre = blockPrefix(l) + 'mlp.';
  const C = c.dModel;
  const H = c.mlpHidden;
  linearForward(ws.fcPre[l], x, p.get(pre + 'c_fc.weight'), p.get(pre + 'c_fc.bias'), ws.N, C, H);
  geluForward(ws.fcAct[l], ws.fcPre[l], ws.N * H);
  linearForward(
    out,
    ws.fcAct[l],
    p.get(pre + 'c_proj.weight'),
    p.get(pre + 'c_proj.bias'),
    ws.N,
    H,
    C,
  );
}

export function mlpSublayerBackward(
  c: ModelConfig,
  p: ParamBuffer,
  g: ParamBuffer,
  ws: Workspace,
  l: number,
  x: Floats,
  dOut: Floats,
): void {
  const pre = blockPrefix(l) + 'mlp.';
  const C = c.dModel;
  const H = c.mlpHidden;
  const N = ws.N;
  linearBackward(
    ws.dFcAct,
    g.get(pre + 'c_proj.weight'),
    g.get(pre + 'c_proj.bias'),
    dOut,
    ws.fcAct[l],
    p.get(pre + 'c_proj.weight'),
    N,
    H,
    C,
  );
  geluBackward(ws.dFcPre, ws.dFcAct, ws.fcPre[l], N * H);
  linearBackward(
    ws.dFIn,
    g.get(pre + 'c_fc.weight'),
    g.get(pre + 'c_fc.bias'),
    ws.dFcPre,
    x,
    p.get(pre + 'c_fc.weight'),
    N,
    C,
    H,
  );
}
