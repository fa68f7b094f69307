/**
 * Runs work given in steps (a generator that yields where a caller may pause: Model's passes,
 * traceSteps) to its end with no pause, and returns its result.
 */
export function runSteps<R>(steps: Generator<unknown, R>): R {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
