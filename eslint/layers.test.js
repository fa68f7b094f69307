import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS, TOOLS, TYPES_ONLY_ABOVE } from './layers.js';

// The project's own config, so these cases fail exactly when `npm run lint` would.
const cwd = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd, overrideConfigFile: 'eslint.config.js' });

/** The layer rule's messages for `code` as if it were the file at `filePath`. */
async function problems(filePath, code) {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal).toEqual([]);
  return result.messages
    .filter((m) => m.ruleId === 'layers/imports-point-down')
    .map((m) => m.message);
}

const names = LAYERS.flat();
const levelOf = (name) => LAYERS.findIndex((level) => level.includes(name));
const fileIn = (layer) => (layer === 'main' ? 'src/main.tsx' : `src/${layer}/x.ts`);
const specifier = (from, to) =>
  (from === 'main' ? './' : '../') + (to === 'main' ? 'main' : `${to}/y`);
/** Whether `from` may import only types from `to` (a thread boundary lies between them). */
const typesOnly = (from, to) =>
  to in TYPES_ONLY_ABOVE && levelOf(from) > levelOf(TYPES_ONLY_ABOVE[to]);

describe('imports point down the layer order', () => {
  it.each(names)('%s/ may not import any layer above it or beside it', async (from) => {
    const wrong = names.filter((to) => to !== from && levelOf(to) >= levelOf(from));
    const code = wrong.map((to, i) => `import { a${i} } from '${specifier(from, to)}';`);
    const found = await problems(fileIn(from), code.join('\n'));
    expect(found).toEqual(
      wrong.map((to) =>
        levelOf(to) > levelOf(from)
          ? `${from}/ may not import ${to}/: it is above ${from} in the layer order (eslint/layers.js).`
          : `${from}/ may not import ${to}/: they are siblings in the layer order (eslint/layers.js).`,
      ),
    );
  });

  it.each(names)('%s/ may import every layer below it', async (from) => {
    const below = names.filter((to) => levelOf(to) < levelOf(from));
    const code = below.map(
      (to, i) =>
        `import ${typesOnly(from, to) ? 'type ' : ''}{ a${i} } from '${specifier(from, to)}';`,
    );
    expect(await problems(fileIn(from), code.join('\n'))).toEqual([]);
  });

  it('above a thread boundary, only types: the page runs no model and sees the worker through the store', async () => {
    const code = [
      "import { slotFor } from '../worker/protocol';",
      "import { encode } from '../engine/model';",
      "import type { TraceEnd } from '../worker/protocol';",
      "import { type ModelSource } from '../worker/protocol';",
      "export type { Trace } from '../engine/trace';",
    ];
    expect(await problems('src/views/x.ts', code.join('\n'))).toEqual([
      'views/ may import only types from worker/ (import type): values come through store/.',
      'views/ may import only types from engine/ (import type): values come through worker/.',
    ]);
    // Tests run in Node, not on the page: they may cross a thread boundary, never the order.
    expect(await problems('src/views/x.test.ts', code[0])).toEqual([]);
  });

  it('re-exports and lazy imports count too; deeper files and look-alike folders do not confuse it', async () => {
    const code = [
      "export { x } from '../../views/y';",
      "export * from '../../tour/y';",
      "const lazy = () => import('../../app/App');",
    ];
    expect(await problems('src/store/deep/x.ts', code.join('\n'))).toEqual([
      'store/ may not import views/: it is above store in the layer order (eslint/layers.js).',
      'store/ may not import tour/: it is above store in the layer order (eslint/layers.js).',
      'store/ may not import app/: it is above store in the layer order (eslint/layers.js).',
    ]);
    // src/tour/views/ is the tour's own folder, not the views layer.
    expect(await problems('src/tour/chapters/x.tsx', "import { A } from '../views/A';")).toEqual(
      [],
    );
  });

  it('a folder of src/ outside the order is reported, so every new layer gets a place', async () => {
    expect(await problems('src/store/x.ts', "import { a } from '../nowhere/y';")).toEqual([
      'src/nowhere is in no layer: add it to LAYERS in eslint/layers.js.',
    ]);
  });

  it.each(Object.keys(TOOLS))('%s/ reaches the worker handler, not the page', async (tool) => {
    const code = [
      "import { handle } from '../src/worker/handler';",
      "import { trainer } from '../src/training/trainer';",
      "import { useApp } from '../src/store/store';",
      "import { App } from '../src/views/y';",
    ];
    expect(await problems(`${tool}/x.ts`, code.join('\n'))).toEqual([
      `${tool}/ may import src/ only up to worker/, not store/ (eslint/layers.js).`,
      `${tool}/ may import src/ only up to worker/, not views/ (eslint/layers.js).`,
    ]);
  });

  it.each(['engine', 'data', 'training', 'analysis'])(
    '%s/ runs in Node and in a worker: no DOM, no page libraries',
    async (layer) => {
      const code = "export { useState } from 'react';\nexport const w = document.title;";
      const [result] = await eslint.lintText(code, { filePath: `src/${layer}/x.ts` });
      expect(result.messages.map((m) => m.ruleId)).toEqual([
        'no-restricted-imports',
        'no-restricted-globals',
      ]);
    },
  );
});
