import { describe, expect, it } from 'vitest';
import { makeConfig } from './config';
import { Workspace, workspaceBytes } from './workspace';

/** Every typed array a workspace holds, found by walking its fields. */
function allocatedBytes(ws: Workspace): number {
  let bytes = 0;
  for (const v of Object.values(ws)) {
    const arrays = Array.isArray(v) ? v : [v];
    for (const a of arrays) if (ArrayBuffer.isView(a)) bytes += a.byteLength;
  }
  return bytes;
}

describe('workspaceBytes', () => {
  it('counts exactly what the constructor allocates, for every norm placement', () => {
    for (const norm of ['pre', 'post', 'none'] as const) {
      const c = makeConfig({
        vocabSize: 11,
        dModel: 6,
        nHeads: 3,
        nLayers: 2,
        mlpHidden: 10,
        norm,
      });
      const ws = new Workspace(c, 2, 5, 'f32');
      expect(workspaceBytes(c, 2, 5)).toBe(allocatedBytes(ws));
    }
  });
});
