/**
 * The stylesheets' house rules, read from the source: each area's stylesheet sits beside its
 * components and is imported by the modules that name its classes (so a lazy chunk brings its
 * own styles); only the breakpoints stated in tokens.css; no selector defined twice; no rule
 * keyed on a test id; no class styled that no module names, nor named that nothing styles.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
const files = walk(src);
const read = (path: string): string => readFileSync(path, 'utf8');
const sheets = files.filter((f) => f.endsWith('.css'));
const modules = files.filter((f) => f.endsWith('.tsx'));
/** Imported by main.tsx before anything else: every module may use their classes. */
const GLOBAL = ['app/tokens.css', 'app/base.css'].map((f) => join(src, f));

const withoutComments = (css: string): string => css.replace(/\/\*[\s\S]*?\*\//g, '');
const classesOf = (css: string): Set<string> =>
  new Set([...withoutComments(css).matchAll(/\.(-?[a-z][\w-]*)/gi)].map((m) => m[1]));
const importsOf = (path: string): string[] =>
  [...read(path).matchAll(/^import '(\.[^']+\.css)';$/gm)].map((m) => resolve(dirname(path), m[1]));

/** Each rule's selectors, keyed by the at-rule it sits in ('' at the top level). */
function selectorsOf(css: string): { context: string; selector: string }[] {
  const out: { context: string; selector: string }[] = [];
  const stack: string[] = [];
  let text = '';
  for (const ch of withoutComments(css)) {
    if (ch === '{') {
      const head = text.trim().replace(/\s+/g, ' ');
      if (!head.startsWith('@'))
        for (const selector of head.split(','))
          out.push({
            context: stack.filter((s) => s.startsWith('@')).join(' '),
            selector: selector.trim(),
          });
      stack.push(head);
      text = '';
    } else if (ch === '}') {
      stack.pop();
      text = '';
    } else if (ch === ';') text = '';
    else text += ch;
  }
  return out;
}

describe('stylesheets', () => {
  it('use only the breakpoints stated in tokens.css', () => {
    const stated = new Set(
      [...read(join(src, 'app/tokens.css')).matchAll(/\((?:max|min)-width: (\d+px)\)/g)].map(
        (m) => m[1],
      ),
    );
    expect([...stated].sort()).toEqual(['640px', '900px']);
    const problems = sheets.flatMap((sheet) =>
      [...read(sheet).matchAll(/@media[^{]*\((?:max|min)-width: (\d+px)\)/g)]
        .filter((m) => !stated.has(m[1]))
        .map((m) => `${relative(src, sheet)}: ${m[0]}`),
    );
    expect(problems).toEqual([]);
  });

  it('define each selector once per stylesheet and at-rule, and none by test id', () => {
    const problems: string[] = [];
    for (const sheet of sheets) {
      const seen = new Set<string>();
      for (const { context, selector } of selectorsOf(read(sheet))) {
        const where = `${relative(src, sheet)}: ${context} ${selector}`;
        if (selector.includes('data-testid')) problems.push(`${where} is keyed on a test id`);
        if (seen.has(`${context}|${selector}`)) problems.push(`${where} is defined twice`);
        seen.add(`${context}|${selector}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('style only classes that some module names, and are each imported by a module', () => {
    const problems: string[] = [];
    const text = modules.map(read).join('\n');
    for (const sheet of sheets) {
      if (!GLOBAL.includes(sheet) && !modules.some((m) => importsOf(m).includes(sheet)))
        problems.push(`${relative(src, sheet)} is imported by no module`);
      for (const name of classesOf(read(sheet)))
        if (!new RegExp(`(?<![\\w-])${name}(?![\\w-])`).test(text))
          problems.push(`.${name} in ${relative(src, sheet)} is named by no module`);
    }
    expect(problems).toEqual([]);
  });

  it('define every class a module names, in a stylesheet it imports or the base', () => {
    const problems: string[] = [];
    for (const module of modules) {
      const styled = new Set(
        [...GLOBAL, ...importsOf(module)].flatMap((sheet) => [...classesOf(read(sheet))]),
      );
      for (const m of read(module).matchAll(/className="([^"]+)"/g))
        for (const name of m[1].split(' '))
          if (!styled.has(name)) problems.push(`${relative(src, module)}: className "${name}"`);
    }
    expect(problems).toEqual([]);
  });
});
