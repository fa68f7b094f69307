import type { Channel, InitScheme, ModelSource, NormPlacement } from '../../worker/protocol';

/** Which models a source's lab results are about, in words. */
export const SOURCE_NAMES: Record<ModelSource, string> = {
  trained: 'the shipped trained models',
  init: 'the untrained models',
  lab: 'the models trained in the lab',
};

/** The two sides of a depth sweep. */
export const SWEEP_CHANNEL_NAMES: Record<Channel, string> = { on: 'skips on', off: 'skips off' };

/** Where the LayerNorm sits, as the forms offer it. */
export const NORMS: { id: NormPlacement; label: string }[] = [
  { id: 'pre', label: 'pre-LN' },
  { id: 'post', label: 'post-LN' },
  { id: 'none', label: 'none' },
];

const INIT_NAMES: Record<InitScheme, string> = {
  gpt2: 'GPT-2’s',
  'gpt2-unscaled': 'GPT-2’s unscaled',
  xavier: 'Xavier’s',
};

/** An initialisation in words, as in "from GPT-2’s init" (a name we do not know, as it is). */
export const initName = (scheme: string): string => INIT_NAMES[scheme as InitScheme] ?? scheme;
