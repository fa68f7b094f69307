/**
 * npx tsx --expose-gc scripts/gpt2Shape.ts [--tokens 64] [--ts]
 *
 * GPT-2 small's shape (d = 768, 12 layers, 12 heads, vocabulary 50,257, context 1024) with
 * random weights, end to end as the page will run it: the weights written in Hugging Face's
 * layout (F32, names as the gpt2 repository has them), read back through deserializeModel as
 * an inference model, then one forward of `--tokens` tokens and its stream gradient (on the
 * WebAssembly kernels, or the TypeScript ops with --ts). Prints CPU times (ms) and the
 * process's resident memory (MB) as JSON. Not a test (it takes a minute, and 1.5 GB at its peak
 * while the file and the model it was written from coexist); it checks that the inference
 * budget admits GPT-2 small and what a trace of it costs.
 *
 * Measured here (2 shared cores, 64 tokens, CPU time): load 0.8 s; RSS 590 MB with the model
 * loaded, 670 MB traced on the TS ops, 995 MB on the kernels, whose memory grows to hold
 * per-call copies of the 154 MB embedding (kernels/f32Kernels.ts).
 */
import { parseArgs } from 'node:util';
import { modelBytes } from '../src/engine/budget';
import { GPT2_SMALL_SHAPE, gpt2Tensors } from '../src/engine/gpt2File';
import { activeKernels, setKernelChoice } from '../src/engine/kernels/select';
import { Model } from '../src/engine/model';
import { deserializeModel } from '../src/engine/modelFile';
import { Rng } from '../src/engine/rng';
import { encodeSafetensors } from '../src/engine/safetensors';
import { nextTokenTargets } from '../src/engine/trace';

const MB = 1e6;
const rss = (): number => Math.round(process.memoryUsage().rss / MB);
/**
 * Frees what was dropped, when node runs with --expose-gc, so RSS shows what is still held:
 * V8 releases array buffers' memory after the collection, hence the pause.
 */
async function collect(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 200));
}

/**
 * Runs f and says how long it took in this thread's CPU time, which is what one core would
 * take when no other process competes for it (wall time here depends on the neighbours).
 */
function timed<T>(f: () => T): [T, number] {
  const start = process.cpuUsage();
  const out = f();
  const { user, system } = process.cpuUsage(start);
  return [out, Math.round((user + system) / 1000)];
}

/** Writes the file and loads it; the file's bytes are dropped on return, as the page drops them. */
async function writeAndLoad(): Promise<{
  model: Model;
  family: string;
  stats: Record<string, number>;
}> {
  const [bytes, writeMs] = timed(() => {
    const source = new Model(GPT2_SMALL_SHAPE, { inference: true });
    return encodeSafetensors(gpt2Tensors(source, ''), { format: 'pt' });
  });
  await collect();
  const rssWithFileMB = rss();
  const [{ model, family }, loadMs] = timed(() => deserializeModel(bytes));
  const stats = {
    fileMB: Math.round(bytes.length / MB),
    writeMs,
    loadMs,
    rssWithFileMB,
    rssFileAndModelMB: rss(),
  };
  return { model, family, stats };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { tokens: { type: 'string', default: '64' }, ts: { type: 'boolean', default: false } },
  });
  const T = Number(values.tokens);
  if (values.ts) setKernelChoice('ts');
  const { model, family, stats } = await writeAndLoad();
  await collect();
  const rssModelMB = rss();
  const rng = new Rng(1);
  const tokens = Int32Array.from({ length: T }, () => rng.int(GPT2_SMALL_SHAPE.vocabSize));
  const targets = nextTokenTargets(tokens);
  const ws = model.workspace(1, T);
  const [loss, forwardMs] = timed(() => model.forward(ws, tokens, targets));
  const [, streamBackwardMs] = timed(() => model.streamBackward(ws));
  const [, secondForwardMs] = timed(() => model.forward(ws, tokens, targets));
  await collect();
  const report = {
    family,
    kernels: activeKernels(),
    tokens: T,
    budgetMB: Math.round(modelBytes(model.config, { inference: true }) / MB),
    ...stats,
    rssModelMB,
    rssTracedMB: rss(),
    forwardMs,
    secondForwardMs,
    streamBackwardMs,
    loss,
  };
  console.log(JSON.stringify(report, null, 2));
}

await main();
