import { afterEach, describe, expect, it, vi } from 'vitest';
import { openModelFiles } from './openModelFile';
import type { EngineCommands } from './engineSlice';
import { useApp } from './store';

const file = (name: string) => new File([new Uint8Array(8)], name);

/** The engine's loadUserModel, recording each call's file names. */
function engine() {
  const loadUserModel = vi.fn();
  useApp.setState({ engine: { loadUserModel } as unknown as EngineCommands });
  return () =>
    loadUserModel.mock.calls.map(([f, config]) => [(f as File).name, (config as File)?.name]);
}

const noticeTexts = () => useApp.getState().notices.map((n) => n.text);

describe('a reader’s model files', () => {
  afterEach(() => useApp.setState({ engine: null, notices: [] }));

  it('loads a .safetensors file, whatever the case of its name', () => {
    const loads = engine();
    openModelFiles([file('mine.safetensors')]);
    openModelFiles([file('MINE.SafeTensors')]);
    expect(loads()).toEqual([
      ['mine.safetensors', undefined],
      ['MINE.SafeTensors', undefined],
    ]);
    expect(noticeTexts()).toEqual([]);
  });

  it('takes a GPT-2 file’s config.json given with it, in either order', () => {
    const loads = engine();
    openModelFiles([file('model.safetensors'), file('config.json')]);
    openModelFiles([file('config.json'), file('model.safetensors')]);
    expect(loads()).toEqual([
      ['model.safetensors', 'config.json'],
      ['model.safetensors', 'config.json'],
    ]);
    expect(noticeTexts()).toEqual([]);
  });

  it('refuses any other name, a config.json alone, or two models, with a notice, and loads nothing', () => {
    const loads = engine();
    openModelFiles([file('model.bin')]);
    openModelFiles([file('model.safetensors'), file('notes.txt')]);
    openModelFiles([file('config.json')]);
    openModelFiles([file('a.safetensors'), file('b.safetensors')]);
    expect(loads()).toEqual([]);
    expect(noticeTexts()).toEqual([
      'model.bin is not a .safetensors file; load a model file (see docs/MODEL.md).',
      'notes.txt is not a .safetensors file; load a model file (see docs/MODEL.md).',
      'config.json alone is not a model: give it together with its .safetensors file.',
      'Give one .safetensors file at a time, with at most its config.json.',
    ]);
    useApp.setState({ notices: [] });
    openModelFiles([file('a.safetensors'), file('config.json'), file('other.json')]);
    expect(loads()).toEqual([]);
    expect(noticeTexts()).toEqual([
      'Give one .safetensors file at a time, with at most its config.json.',
    ]);
  });
});
