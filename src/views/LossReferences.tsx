import { num } from './format';
import { useTrainingRecord } from './trainingRecord';

/**
 * The losses a model of this corpus can be held against, in words, from the shipped manifest:
 * every view that shows a loss says what it compares with.
 */
export function LossReferences() {
  const refs = useTrainingRecord()?.references;
  if (!refs) return null;
  return (
    <span data-testid="loss-references" data-bigram={num(refs.bigram)}>
      For reference, on held-out text: guessing uniformly over the vocabulary {num(refs.uniform)},
      knowing only how frequent each word is (unigram) {num(refs.unigram)}, knowing which word
      follows which (bigram) {num(refs.bigram)} nats per word.{' '}
      {refs.grammarEntropy === null ? (
        <>The grammar’s own entropy, the floor: {refs.grammarEntropyNote}</>
      ) : (
        <>
          The language’s own entropy, the floor, is {num(refs.grammarEntropy)} nats per word (
          {refs.grammarEntropyNote})
        </>
      )}
    </span>
  );
}
