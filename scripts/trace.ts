/**
 * npm run trace -- --model <file.safetensors> --text "<sentence>" [--lesion 3,5] [--config config.json]
 * Prints the trace summary of one sentence as JSON: the tokens as ids (`tokens`) and as the
 * pieces the page shows (`words`; GPT-2's first is <|endoftext|>, its leading spaces ␣), loss,
 * final-position logits, per-point stream norms, per-sublayer contribution norms and
 * ∂loss/∂stream norms. The model file is ours or GPT-2's as Hugging Face publishes it (its
 * config.json from --config or beside the file); each is read with its own tokenizer.
 */
import { parseArgs } from 'node:util';
import { textTokenCount } from '../src/data/textTokenizer';
import { summarizeTrace, traceSequence } from '../src/engine/trace';
import { readModel } from './readModel';

const USAGE =
  'usage: npm run trace -- --model <file.safetensors> --text "<sentence>" [--lesion 0,3] [--config config.json]';

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        model: { type: 'string' },
        text: { type: 'string' },
        lesion: { type: 'string' },
        config: { type: 'string' },
      },
    }).values;
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`, { cause: e });
  }
  if (args.model === undefined || args.text === undefined) throw new Error(USAGE);
  const { model, tokenizer } = await readModel(args.model, args.config);
  const enc = tokenizer.encode(args.text);
  const ctx = model.config.contextLength;
  if (textTokenCount(tokenizer, enc) === 0) throw new Error('the text has no words');
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
    tokenizer: tokenizer.name,
    words: enc.tokens.slice(0, ctx).map((t) => t.text),
    unknownWords: enc.tokens.filter((t) => t.unknown).map((t) => t.text),
    truncated: enc.ids.length > ctx,
    ...summary,
  };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`trace: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
