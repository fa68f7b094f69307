import { describe, expect, it } from 'vitest';
import { EMBED_VIEW_NAMES, embedView } from './views';

describe('embeddable views', () => {
  it('finds each view by its own name', () => {
    for (const name of EMBED_VIEW_NAMES) expect(embedView(name)?.Panel).toBeTypeOf('function');
  });

  it('finds no view under a built-in property name', () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(embedView(name), name).toBeUndefined();
    }
  });
});
