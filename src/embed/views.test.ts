import { describe, expect, it } from 'vitest';
import { EMBED_VIEW_NAMES, EMBED_VIEWS, embedView } from './views';

/** A function component, or one wrapped by React (memo, lazy), which is an object React tags. */
const isComponent = (c: unknown) =>
  typeof c === 'function' || (typeof c === 'object' && c !== null && '$$typeof' in c);

describe('embeddable views', () => {
  it('finds each view by its own name', () => {
    for (const name of EMBED_VIEW_NAMES) {
      expect(embedView(name)).toBe(EMBED_VIEWS[name]);
      expect(isComponent(embedView(name)?.Panel), name).toBe(true);
    }
  });

  it('finds no view under a built-in property name', () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(embedView(name), name).toBeUndefined();
    }
  });
});
