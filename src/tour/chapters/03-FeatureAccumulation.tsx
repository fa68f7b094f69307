import { useShallow } from 'zustand/react/shallow';
import { lastStage, pointCount, sublayerCount } from '../../store/positions';
import { useApp } from '../../store/store';
import { LayerStepper } from '../../views/controls/LayerStepper';
import { sublayerLabel } from '../../views/labels';
import { DecompositionPanel } from '../../views/panels/DecompositionPanel';
import { StreamNormPanel } from '../../views/panels/StreamNormPanel';
import { useExplorer } from '../../views/useExplorer';
import { useTourTraces } from '../useTourTraces';
import { decompositionAt } from '../../analysis/decomposition';
import { argMax, countRises } from '../../analysis/statistics';
import { normPath } from '../../analysis/streamTrace';
import { count, f2, ofN, pct } from '../../views/format';
import { TryThis, type Outcome } from '../TryThis';
import { embeddingCosine } from '../../analysis/embeddingKept';
import { embeddingOnReal } from '../realVerdicts';
import { useTourRealTraces } from '../useTourRealTraces';
import { NowOnReal } from '../views/NowOnReal';
import { RealEmbeddingChart } from '../views/RealEmbeddingChart';
import { baseSetup, type Chapter } from '../chapter';
import '../tour.css';

/** Chapter 3, claim 2: with skips, what early sublayers wrote is still in the stream later on. */
function FeatureAccumulation() {
  const e = useExplorer();
  const tt = useTourTraces();
  const s = useApp(
    useShallow((s) => ({
      skips: s.skips,
      stage: s.stage,
      offMode: s.offMode,
      source: s.source,
      lesions: s.lesions,
    })),
  );
  const applyExplorer = useApp((s) => s.applyExplorer);
  const L = e.L;
  const last = pointCount(L) - 1; // the residual point after the last sublayer
  const atEnd = L > 0 && s.stage >= lastStage(L);
  const tr = (s.skips ? tt.on : tt.off).trace;
  const word = e.active?.start.words[e.token] ?? 'the last word';
  const norms = tr ? normPath(tr, e.token) : null;
  const parts = tr ? decompositionAt(tr, last, e.token) : null;
  const ready = norms && parts && norms.every((v) => v !== null);
  const path = ready ? (norms as number[]) : [];
  const first = path[0];
  const final = path[last];
  const rises = ready ? countRises(path) : 0;
  const total = parts ? parts.reduce((a, b) => a + b, 0) : NaN;
  const biggest = parts ? argMax(parts) : 0;
  const biggestName = biggest === 0 ? 'the embedding' : sublayerLabel(biggest - 1);

  const accumulated: Outcome | null =
    ready && s.skips && parts
      ? {
          holds: final > first && rises >= L,
          text: (
            <>
              {final > first
                ? `You should now see the stream of “${word}” grow from ${f2(first)} at the embedding to ${f2(final)} after the last sublayer, `
                : `Here the stream of “${word}” does not grow overall: ${f2(first)} at the embedding, ${f2(final)} after the last sublayer, `}
              longer than the step before at {ofN(rises, sublayerCount(L))} steps.{' '}
              {biggest > 0 &&
                `The largest part at the top was written by ${biggestName}, sublayer ${biggest} of ${sublayerCount(L)}: ${f2(parts[biggest])} of ${f2(total)}${biggest <= L ? ' — written early, still there at the end' : ''}.`}{' '}
              {Math.abs(parts[0] / total) < 0.05
                ? `The embedding itself is only a sliver of it (${f2(parts[0])}, ${pct(parts[0] / total)})`
                : `The embedding is still ${pct(parts[0] / total)} of it (${f2(parts[0])})`}
              {parts[0] < 0 ? ', and points slightly against the final direction' : ''}.
            </>
          ),
          values: {
            first: f2(first),
            final: f2(final),
            embedding: f2(parts[0]),
            total: f2(total),
            rises,
            biggest: biggestName,
          },
        }
      : null;

  const replaced: Outcome | null =
    ready && !s.skips && parts
      ? {
          holds: parts.slice(0, -1).every((v) => Math.abs(v) < 1e-6),
          text: (
            <>
              You should now see a single bar: without skips each sublayer starts the stream over,
              so the last one’s part is all there is ({f2(parts[last])} of {f2(total)}) and the
              embedding’s part is {f2(parts[0])}. The length still changes from step to step (
              {f2(first)} at the embedding, {f2(final)} after the last sublayer), but now it is only
              the size of what the latest sublayer wrote, not a running total.
            </>
          ),
          values: { first: f2(first), final: f2(final), embedding: f2(parts[0]), total: f2(total) },
        }
      : null;

  const real = useTourRealTraces();
  const realOn = real?.on;
  const realCos = realOn ? embeddingCosine(realOn, realOn.points.length - 1) : null;
  // Our trained model with skips and nothing removed, as the chapter opens.
  const smallOn = tt.on.trace;
  const smallCos =
    smallOn && s.source === 'trained' && s.lesions.length === 0
      ? embeddingCosine(smallOn, smallOn.points.length - 1)
      : null;
  const realVerdict =
    real && realOn && smallOn && realCos !== null && smallCos !== null
      ? embeddingOnReal(
          real.name,
          { cos: smallCos, random: smallOn.end.randomAbsCosine, dModel: smallOn.start.dModel },
          { cos: realCos, random: realOn.end.randomAbsCosine, dModel: realOn.start.dModel },
        )
      : null;

  return (
    <>
      <p>
        The second claim: because every sublayer adds to the stream, what the early ones wrote is
        still there further up. The stream can hold low-level facts (which word this is, where it
        sits) next to the higher-level ones later sublayers build from them, instead of trading the
        first for the second.
      </p>
      <p>
        Two views follow one word, “{word}” (choose another in the explorer). The first gives the
        length of its stream at each point. The second splits the stream into parts: one for the
        embedding and one for each sublayer, each measured along the direction the stream points, so
        that the parts add up to its length. Parts that point against the stream count as negative.
      </p>
      <TryThis
        id="accumulate-play"
        action="Play through the layers"
        expect="With skips each sublayer’s part stays in the stream while later ones are added, so the stream should grow as you go."
        done={atEnd && s.skips}
        run={() => applyExplorer({ stage: 0, skips: true, playing: true })}
        outcome={accumulated}
      />
      <LayerStepper />
      <div className="card-grid tour-views">
        <StreamNormPanel />
        <DecompositionPanel />
      </div>
      <TryThis
        id="accumulate-off"
        action="Now turn the skip connections off"
        expect="Each sublayer of the model trained without skips replaces the stream, so at the top only the last sublayer’s part should be left."
        done={atEnd && !s.skips && s.offMode === 'trained'}
        run={() =>
          applyExplorer({ stage: lastStage(L), skips: false, offMode: 'trained', playing: false })
        }
        outcome={replaced}
      />
      <p>
        With skips, the final vector — the one the output layer reads to make its guess — is the
        embedding plus what each of the {count(sublayerCount(L), 'sublayer')} added. That is the
        sense in which features accumulate: nothing has to be passed on deliberately to survive.
      </p>
      {real && (
        <NowOnReal
          id="accumulate"
          real={real}
          measure="Is the earliest write, the embedding, still visible at the top? The cosine of the stream after the last sublayer with the word’s own embedding, averaged over the words, against that of random directions."
          verdict={realVerdict}
          waiting={
            realCos !== null && smallCos === null
              ? 'Show the trained small model with nothing removed to compare.'
              : null
          }
          values={{
            ...(realOn && realCos !== null && { realCos, realRandom: realOn.end.randomAbsCosine }),
            ...(smallOn &&
              smallCos !== null && { smallCos, smallRandom: smallOn.end.randomAbsCosine }),
          }}
        >
          <RealEmbeddingChart real={real} />
        </NowOnReal>
      )}
    </>
  );
}

export const featureAccumulation: Chapter = {
  id: 'feature-accumulation',
  title: 'Do features pile up?',
  short: 'Piling up',
  claim: 2,
  fullView: 'explorer',
  setup: () => ({ ...baseSetup, stage: 0 }),
  Body: FeatureAccumulation,
};
