import { afterEach, describe, expect, it, vi } from 'vitest';
import { openModelFile } from './openModelFile';
import type { EngineCommands } from './engineSlice';
import { useApp } from './store';

const file = (name: string) => new File([new Uint8Array(8)], name);

describe('a reader’s model file', () => {
  afterEach(() => useApp.setState({ engine: null, notices: [] }));

  it('loads a .safetensors file, whatever the case of its name', () => {
    const loadUserModel = vi.fn();
    useApp.setState({ engine: { loadUserModel } as unknown as EngineCommands });
    openModelFile(file('mine.safetensors'));
    openModelFile(file('MINE.SafeTensors'));
    expect(loadUserModel.mock.calls.map(([f]) => (f as File).name)).toEqual([
      'mine.safetensors',
      'MINE.SafeTensors',
    ]);
    expect(useApp.getState().notices).toEqual([]);
  });

  it('refuses any other name with a notice and loads nothing', () => {
    const loadUserModel = vi.fn();
    useApp.setState({ engine: { loadUserModel } as unknown as EngineCommands });
    openModelFile(file('model.bin'));
    expect(loadUserModel).not.toHaveBeenCalled();
    expect(useApp.getState().notices.map((n) => n.text)).toEqual([
      'model.bin is not a .safetensors file; load a model file (see docs/MODEL.md).',
    ]);
  });
});
