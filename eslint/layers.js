import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The layers of src/, bottom first: a file may import its own layer and the layers below it,
 * never a layer above it nor a sibling on its own level. `main` is src/main.tsx, the entry. The
 * tour sits below the app because App renders it (lazily); the embed shows single views and knows
 * neither the app nor the tour.
 */
export const LAYERS = [
  ['engine'],
  ['data'],
  ['training'],
  ['analysis'],
  ['worker'],
  ['store'],
  ['views'],
  ['tour'],
  ['app', 'embed'],
  ['main'],
];

/**
 * Thread boundaries: above the named layer, this layer is known by its types only. The page runs
 * no model (engine and training run in the worker), and views see the worker only through the
 * types of its messages; its values (the client, constants) come through the store. Tests run in
 * Node, not on the page, so they may cross these boundaries (never the layer order).
 */
export const TYPES_ONLY_ABOVE = { engine: 'worker', training: 'worker', worker: 'store' };

/** Node tools outside src/, with the highest layer they may import: the worker's handler, not the page. */
export const TOOLS = { scripts: 'worker', e2e: 'worker' };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const levelOf = new Map(LAYERS.flatMap((names, level) => names.map((name) => [name, level])));

/** Where a file sits: a layer of src/ (level undefined if it is in none), a tool, or nowhere. */
function placeOf(file) {
  const [top, first] = path.relative(root, file).split(path.sep);
  if (top === 'src' && first !== undefined) {
    const name = first.replace(/\..*$/, '');
    return { kind: 'layer', name, level: levelOf.get(name) };
  }
  if (Object.hasOwn(TOOLS, top)) return { kind: 'tool', name: top, level: levelOf.get(TOOLS[top]) };
  return null;
}

const allTypes = (specifiers, kind) =>
  specifiers.length > 0 && specifiers.every((s) => s[kind] === 'type');

const importsPointDown = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports point down the layer order stated in eslint/layers.js.' },
    schema: [],
    messages: {
      up: '{{from}}/ may not import {{to}}/: it is above {{from}} in the layer order (eslint/layers.js).',
      sibling:
        '{{from}}/ may not import {{to}}/: they are siblings in the layer order (eslint/layers.js).',
      typesOnly:
        '{{from}}/ may import only types from {{to}}/ (import type): values come through {{via}}/.',
      tool: '{{from}}/ may import src/ only up to {{reach}}/, not {{to}}/ (eslint/layers.js).',
      unplaced: 'src/{{to}} is in no layer: add it to LAYERS in eslint/layers.js.',
    },
  },
  create(context) {
    const from = placeOf(context.filename);
    if (!from || from.level === undefined) return {};
    const isTest = /\.test\.tsx?$/.test(context.filename);

    function check(source, typeOnly) {
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      if (!source.value.startsWith('.')) return;
      const to = placeOf(path.resolve(path.dirname(context.filename), source.value));
      if (!to || to.name === from.name) return;
      const data = { from: from.name, to: to.name };
      const report = (messageId, extra) =>
        context.report({ node: source, messageId, data: { ...data, ...extra } });
      if (to.kind === 'tool') {
        if (from.kind === 'layer') report('up');
        return;
      }
      if (to.level === undefined) return report('unplaced');
      if (from.kind === 'tool') {
        if (to.level > from.level) report('tool', { reach: TOOLS[from.name] });
        return;
      }
      if (to.level > from.level) return report('up');
      if (to.level === from.level) return report('sibling');
      // The thread boundary concerns what the page loads; tests run in Node and may cross it.
      const via = TYPES_ONLY_ABOVE[to.name];
      if (via !== undefined && from.level > levelOf.get(via) && !typeOnly && !isTest)
        report('typesOnly', { via });
    }

    return {
      ImportDeclaration: (node) =>
        check(node.source, node.importKind === 'type' || allTypes(node.specifiers, 'importKind')),
      ExportNamedDeclaration: (node) =>
        check(node.source, node.exportKind === 'type' || allTypes(node.specifiers, 'exportKind')),
      ExportAllDeclaration: (node) => check(node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node.source, false),
    };
  },
};

export const layers = { rules: { 'imports-point-down': importsPointDown } };
