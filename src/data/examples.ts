/**
 * Hand-picked sentences for the UI, one per construction the model has to learn. Every word is
 * in the vocabulary and every sentence passes the agreement checker (see examples.test.ts).
 */
export const EXAMPLE_SENTENCES: readonly string[] = [
  // Agreement across an object relative clause: "run" agrees with "dogs", not "cat".
  'the dogs that the cat sees run .',
  // Agreement across a prepositional phrase: "sleeps" agrees with "dog", not "trees".
  'the dog near the trees sleeps .',
  // Subject relative clause with an irregular plural: both verbs agree with "children".
  'the children that chase the mouse laugh loudly .',
  // A pronoun after "and" refers back to the first subject.
  'a little girl finds the ball and she smiles .',
  // Irregular plural, plural-only determiner, adverb before the verb.
  'these mice behind the house never sleep .',
  // A name in the relative clause; the main verb still agrees with the plural head.
  'many people that mary knows watch the river .',
];
