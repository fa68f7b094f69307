/**
 * Bounds on what a message repeats back from a link, an embed attribute or a host message, so
 * that a 100 KB name or 5,000 unknown parameters give a short message, not a page of them.
 * It imports nothing: the embed loader (embed.js) uses it too. docs/SECURITY.md lists these.
 */

/** The most characters of a reader's or host's input that a message repeats. */
export const MAX_ECHO = 40;
/** The most problems reported for one link or one host message; the rest are counted. */
export const MAX_PROBLEMS = 8;
/** The most unknown names listed in the one message that reports them all. */
const MAX_NAMES = 3;

/** `raw`, cut to MAX_ECHO characters with an ellipsis. */
export function echo(raw: string): string {
  return raw.length > MAX_ECHO ? raw.slice(0, MAX_ECHO) + '…' : raw;
}

/** One message for any number of unknown names, e.g. `Unknown settings “a”, “b”, “c” and 97 more were ignored.` */
export function unknownNames(kind: 'parameter' | 'setting', names: readonly string[]): string {
  const listed = names
    .slice(0, MAX_NAMES)
    .map((n) => `“${echo(n)}”`)
    .join(', ');
  const more = names.length > MAX_NAMES ? ` and ${names.length - MAX_NAMES} more` : '';
  return names.length === 1
    ? `Unknown ${kind} ${listed} was ignored.`
    : `Unknown ${kind}s ${listed}${more} were ignored.`;
}

/** Each problem once (a repeated parameter repeats its problem), at most MAX_PROBLEMS lines, the last counting the rest. */
export function capProblems(problems: readonly string[]): string[] {
  const unique = [...new Set(problems)];
  if (unique.length <= MAX_PROBLEMS) return unique;
  const rest = unique.length - (MAX_PROBLEMS - 1);
  return [...unique.slice(0, MAX_PROBLEMS - 1), `… and ${rest} more problems.`];
}
