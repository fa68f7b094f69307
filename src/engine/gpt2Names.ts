/**
 * How a file's tensor names say it is Hugging Face's GPT-2: apart from the reader
 * (gpt2File.ts), so that telling a file's family does not load the reader, which the worker
 * fetches only when GPT-2 is asked for (modelFileCore.ts).
 */

export const GPT2_PREFIX = 'transformer.';

export function unprefixed(name: string): string {
  return name.startsWith(GPT2_PREFIX) ? name.slice(GPT2_PREFIX.length) : name;
}

/** Whether tensor names look like Hugging Face's GPT-2, with or without the prefix. */
export function looksLikeGpt2(names: Iterable<string>): boolean {
  for (const name of names) if (unprefixed(name) === 'wte.weight') return true;
  return false;
}
