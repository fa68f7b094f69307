/**
 * The learning rate each network is made for, as `defaultInitFor` (engine/config.ts) gives its
 * init. AdamW's step size that suits a residual network, whose GPT-2 init scales each sublayer's
 * output by 1/√(2L) so the sum of 2L of them stays at the scale of one, does not suit a stack
 * without skips, where every update passes through all the layers above it. `npm run train`
 * chose each of the shipped pair's rates by a sweep (scripts/shipped.ts, `TRAINING.lrSweep`):
 * 3e-3 with skips and 1e-3 without, as public/models/manifest.json records (learningRate.test.ts
 * holds this table to it). The lab starts each of its networks at its own rate from here, so a
 * side-by-side run is not one network trained at the other's step size.
 */
export const OWN_LEARNING_RATE = { withSkips: 3e-3, withoutSkips: 1e-3 } as const;

/** The learning rate of the network with skip strength α: its own, as the shipped pair found. */
export function ownLearningRate(skipStrength: number): number {
  return skipStrength > 0 ? OWN_LEARNING_RATE.withSkips : OWN_LEARNING_RATE.withoutSkips;
}
