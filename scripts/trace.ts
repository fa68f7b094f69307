/**
 * npm run trace -- --model <file.safetensors> --text "<sentence>" [--lesion 3,5]
 * Prints the trace summary of one sentence as JSON: tokens, loss, final-position logits,
 * per-point stream norms, per-sublayer contribution norms and ∂loss/∂stream norms.
 */
import { readFileSync } from 'node:fs';
import { encode } from '../src/data/tokenizer';
import { deserializeModel } from '../src/engine/modelFile';
import { summarizeTrace, traceSequence } from '../src/engine/trace';
import { parseArgs } from 'node:util';

const USAGE =
  'usage: npm run trace -- --model <file.safetensors> --text "<sentence>" [--lesion 0,3]';

function main(): void {
  let args;
  try {
    args = parseArgs({
      options: { model: { type: 'string' }, text: { type: 'string' }, lesion: { type: 'string' } },
    }).values;
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`, { cause: e });
  }
  if (args.model === undefined || args.text === undefined) throw new Error(USAGE);
  const { model } = deserializeModel(readFileSync(args.model));
  const enc = encode(args.text);
  const ctx = model.config.contextLength;
  if (enc.ids.length === 0) throw new Error('the text has no words');
  const lesions = new Uint8Array(2 * model.config.nLayers);
  if (args.lesion !== undefined) {
    for (const part of args.lesion.split(',')) {
      const k = Number(part);
      if (!Number.isInteger(k) || k < 0 || k >= lesions.length) {
        throw new Error(
          `--lesion takes sublayer indices from 0 to ${lesions.length - 1}, got ${JSON.stringify(part)}`,
        );
      }
      lesions[k] = 1;
    }
  }
  const trace = traceSequence(model, enc.ids.subarray(0, ctx), { lesions, withGradients: true });
  const summary = summarizeTrace(trace);
  const out = {
    words: enc.tokens.slice(0, ctx).map((t) => t.text),
    unknownWords: enc.tokens.filter((t) => t.unknown).map((t) => t.text),
    truncated: enc.ids.length > ctx,
    ...summary,
  };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

try {
  main();
} catch (e) {
  process.stderr.write(`trace: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
