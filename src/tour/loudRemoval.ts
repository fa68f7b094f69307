import { num, signed } from '../views/format';

/** One sublayer and what removing it cost on held-out text (the lab's lesion sweep). */
export interface SweptCost {
  label: string;
  increase: number;
}

/**
 * What removing the sublayer that writes the most (largest ‖f(x)‖/‖x‖ on this sentence) did to
 * the sentence's loss, said from the numbers: the prediction is that the sublayers above read
 * what it wrote, so it should cost more than a cheap removal (`cheap` nats per word). When the
 * lesion sweep has run, its costliest removal on held-out text is named beside it, so a reader
 * sees whether the loudest writer is also the one the rest build on.
 */
export function loudRemovalVerdict(
  label: string,
  intact: number,
  lesioned: number,
  cheap: number,
  costliest: SweptCost | null,
): { holds: boolean; sentence: string } {
  const rise = lesioned - intact;
  const holds = rise > cheap;
  const said =
    rise > 1
      ? `Without ${label} the model falls apart: the sublayers above it read what it wrote.`
      : holds
        ? `Removing ${label} hurts: the sublayers above it read what it wrote.`
        : `On this sentence even removing ${label}, the loudest writer, costs less than ${num(cheap)} nats: the rest does not lean on it here.`;
  const sweep =
    costliest === null
      ? ''
      : costliest.label === label
        ? ` The lesion sweep agrees: on held-out text it is the costliest removal (${signed(costliest.increase)}).`
        : ` On held-out text the lesion sweep’s costliest removal is ${costliest.label} (${signed(costliest.increase)}), not this one.`;
  return { holds, sentence: said + sweep };
}
