/** Minimal `--name value` / `--flag` parsing for the scripts; unknown flags are an error. */
export function parseArgs(
  argv: string[],
  known: Record<string, 'string' | 'number' | 'boolean'>,
): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${JSON.stringify(arg)}`);
    const name = arg.slice(2);
    const kind = known[name];
    if (!kind)
      throw new Error(
        `unknown option --${name}; known: ${Object.keys(known)
          .map((k) => '--' + k)
          .join(', ')}`,
      );
    if (kind === 'boolean') {
      out[name] = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    if (kind === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n))
        throw new Error(`--${name} must be a number, got ${JSON.stringify(value)}`);
      out[name] = n;
    } else out[name] = value;
  }
  return out;
}
