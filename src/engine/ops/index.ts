export { matmulAB, matmulABt, matmulAtB } from './matmul';
export { linearForward, linearBackward } from './linear';
export { layerNormForward, layerNormBackward, LN_EPS } from './layernorm';
export { geluForward, geluBackward } from './gelu';
export { attentionForward, attentionBackward } from './attention';
export { crossEntropyForward, crossEntropyBackward, IGNORE } from './crossEntropy';
