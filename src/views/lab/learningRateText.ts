import type { Channel } from '../../worker/protocol';
import { num } from '../format';
import { NAME } from './training';

/**
 * Which learning rate each run trained at, in words: "with skips at learning rate 0.003,
 * without skips at 0.001", or "both at learning rate 0.003". A reader comparing the two losses
 * needs it, since a network can lose a fight only because its step size was made for the other.
 * Null before either run has started.
 */
export function learningRateText(lr: Record<Channel, number | null>): string | null {
  const { on, off } = lr;
  if (on === null && off === null) return null;
  if (on === off) return `both at learning rate ${num(on)}`;
  if (off === null) return `${NAME.on} at learning rate ${num(on)}`;
  if (on === null) return `${NAME.off} at learning rate ${num(off)}`;
  return `${NAME.on} at learning rate ${num(on)}, ${NAME.off} at ${num(off)}`;
}
