import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RESTART_BACKOFF_MS } from '../worker/client';
import type { ModelInfo } from '../worker/protocol';
import { connectEngine } from './bridge';
import { useApp } from './store';

/** A stand-in for the engine worker: keeps what it was sent, moving the buffers listed to move. */
class FakeWorker {
  static made: FakeWorker[] = [];
  got: { message: { type: string; id: number; bytes?: unknown }; transfer: unknown[] }[] = [];
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(message: unknown, transfer: Transferable[] = []) {
    this.got.push({ message: structuredClone(message, { transfer }) as never, transfer });
  }
  terminate() {}
  loadsOfBytes() {
    return this.got.filter((g) => g.message.type === 'loadBytes');
  }
}

const BYTES = [1, 2, 3, 4, 5];
const ownInfo = {
  slot: 'plain',
  source: 'mine.safetensors',
  vocabSize: 10,
  dModel: 8,
  nHeads: 2,
  headsAssumed: false,
  nLayers: 1,
  contextLength: 8,
  skipStrength: 0,
  norm: 'pre',
  parameterCount: 0,
  tokenizer: 'words',
  vocab: [],
} as unknown as ModelInfo;

let disconnect = () => {};
beforeEach(() => {
  FakeWorker.made = [];
  vi.stubGlobal('Worker', FakeWorker);
  disconnect = connectEngine('http://localhost/');
});
afterEach(() => {
  disconnect();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('a reader’s own model file', () => {
  it('is sent as the File itself, not its bytes; a restarted worker is sent it again', async () => {
    const file = new File([new Uint8Array(BYTES)], 'mine.safetensors');
    useApp.getState().engine!.loadUserModel(file);
    const first = FakeWorker.made[0];
    await vi.waitFor(() => expect(first.loadsOfBytes()).toHaveLength(1));
    const [sent] = first.loadsOfBytes();
    // A handle on the disk, which the worker reads as a stream: the page read none of it.
    expect(sent.transfer).toHaveLength(0);
    const bytesOf = async (b: unknown) =>
      Array.from(new Uint8Array(await (b as Blob).arrayBuffer()));
    expect(sent.message.bytes).toBeInstanceOf(Blob);
    expect(await bytesOf(sent.message.bytes)).toEqual(BYTES);

    first.onmessage?.({ data: { type: 'loaded', id: sent.message.id, info: ownInfo } });
    vi.useFakeTimers();
    first.onerror?.({ message: 'boom', preventDefault() {} });
    vi.advanceTimersByTime(RESTART_BACKOFF_MS);
    vi.useRealTimers();
    const second = FakeWorker.made[1];
    await vi.waitFor(() => expect(second.loadsOfBytes()).toHaveLength(1));
    expect(await bytesOf(second.loadsOfBytes()[0].message.bytes)).toEqual(BYTES);
  });

  it('whose config.json cannot be read is named in a notice', async () => {
    // The page reads only the config.json; the worker names a model file it cannot read.
    const file = new File([], 'gone.safetensors');
    const config = new File([], 'config.json');
    vi.spyOn(config, 'text').mockRejectedValue(new Error('NotReadableError'));
    useApp.getState().engine!.loadUserModel(file, config);
    await vi.waitFor(() =>
      expect(useApp.getState().notices.at(-1)?.text).toBe(
        'Could not load gone.safetensors: config.json could not be read (NotReadableError)',
      ),
    );
  });
});
