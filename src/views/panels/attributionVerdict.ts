import { num, pct, signed } from '../format';

/** A writer's share of the gap at or above this (a fifth) counts as building the prediction. */
const BUILDS = 0.2;

/**
 * One model's direct logit attribution at the selected word, in words. `row` is what each writer
 * (embedding, sublayers, LN_f's bias; named by `writer`) adds to the logit gap of the predicted
 * word over the mean word, and sums to it. The claim it checks: with skips the output is a sum
 * of every writer, so several can build the prediction at once. It holds for this row when at
 * least two writers each give a fifth of the gap. A row where only the last sublayer (and the
 * bias) is non-zero is a model without skips, whose earlier sublayers reach the output only
 * through the last, which a direct split cannot show.
 */
export function attributionVerdict(
  model: string,
  word: string,
  row: readonly number[],
  writer: (k: number) => string,
): { spread: boolean; text: string } {
  const total = row.reduce((a, b) => a + b, 0);
  const last = row.length - 2;
  const onlyLast = row.every((v, k) => k === last || k === row.length - 1 || v === 0);
  let top = 0;
  for (let k = 1; k < row.length; k++) if (row[k] > row[top]) top = k;
  const builders = row.filter((v) => total > 0 && v >= BUILDS * total).length;
  const spread = builders >= 2;
  const head = `${model.charAt(0).toUpperCase()}${model.slice(1)} predicts “${word}”, ${num(total)} above the mean word’s logit.`;
  if (onlyLast) {
    return {
      spread,
      text: `${head} Only ${writer(last)} writes to the output directly (${signed(row[last])}): without skips every earlier sublayer, and the embedding, acts only through it, which this split cannot show (a lesion can).`,
    };
  }
  const most = ` The largest push is ${writer(top)} (${signed(row[top])}, ${pct(row[top] / total)} of it)`;
  const rest = spread
    ? `; ${builders} writers each give at least a fifth: the prediction is built by several at once.`
    : '; no other writer gives a fifth of it.';
  return { spread, text: `${head}${most}${rest} The embedding’s own share: ${signed(row[0])}.` };
}
