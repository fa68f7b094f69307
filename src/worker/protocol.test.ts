import { describe, expect, it } from 'vitest';
import { isUnqueued, parseRequest, ProtocolError, traceChannel } from './protocol';

const run = {
  skipStrength: 1,
  nLayers: 2,
  dModel: 32,
  lr: 0.003,
  steps: 10,
  seed: 1,
  norm: 'pre',
};

describe('request checks', () => {
  it('takes a training run with a finite learning rate', () => {
    expect(parseRequest({ type: 'trainStart', id: 1, run })).toMatchObject({ run: { lr: 0.003 } });
  });

  it('names a non-finite learning rate as such, not as "null"', () => {
    for (const lr of [NaN, Infinity, -Infinity]) {
      const parse = () => parseRequest({ type: 'trainStart', id: 1, run: { ...run, lr } });
      expect(parse).toThrow(ProtocolError);
      expect(parse).toThrow(`"lr" must be a finite number, got ${lr}`);
    }
  });
});

describe('trace requests', () => {
  const trace = { type: 'trace', id: 1, slot: 'gpt2', text: 'a', skipStrength: null, lesions: [] };

  it('take the tour’s GPT-2 channels beside the explorer’s two, and name any other', () => {
    for (const channel of ['on', 'off', 'tourRealOn', 'tourRealOff']) {
      expect(parseRequest({ ...trace, channel })).toMatchObject({ channel });
    }
    expect(() => parseRequest({ ...trace, channel: 'tour' })).toThrow(ProtocolError);
    expect(traceChannel({ ...trace, channel: 'tourRealOff' })).toBe('tourRealOff');
    expect(traceChannel({ ...trace, channel: 'tour' })).toBeUndefined();
  });
});

describe('download requests', () => {
  it('takes a download into a slot and a cancel of another request', () => {
    const download = { type: 'download', id: 1, slot: 'gpt2', url: 'https://x/m', name: 'GPT-2' };
    expect(parseRequest(download)).toEqual(download);
    expect(parseRequest({ type: 'cancel', id: 2, target: 1 })).toEqual({
      type: 'cancel',
      id: 2,
      target: 1,
    });
    expect(() => parseRequest({ ...download, slot: 'gpt3' })).toThrow('"slot" must be one of');
    expect(() => parseRequest({ type: 'cancel', id: 2, target: -1 })).toThrow('"target"');
  });

  it('lets downloads, cancels and lens requests past the queue, and nothing else', () => {
    expect(isUnqueued({ type: 'download' })).toBe(true);
    expect(isUnqueued({ type: 'cancel' })).toBe(true);
    expect(isUnqueued({ type: 'lens' })).toBe(true);
    expect(isUnqueued({ type: 'trace' })).toBe(false);
    expect(isUnqueued(null)).toBe(false);
  });
});

describe('lesion sweep requests', () => {
  it('say whether they start a sweep or resume the one under way', () => {
    const sweep = { type: 'lesionSweep', id: 4, slot: 'gpt2', batches: 4, resume: false };
    expect(parseRequest(sweep)).toEqual(sweep);
    expect(() => parseRequest({ ...sweep, resume: undefined })).toThrow(
      '"resume" must be true or false, got undefined',
    );
  });
});

describe('lens requests', () => {
  it('takes a trace id and a position, and names what is wrong with either', () => {
    const lens = { type: 'lens', id: 3, trace: 2, position: 5 };
    expect(parseRequest(lens)).toEqual(lens);
    expect(() => parseRequest({ ...lens, position: -1 })).toThrow('"position" must be');
    expect(() => parseRequest({ ...lens, position: 1.5 })).toThrow('"position" must be');
    expect(() => parseRequest({ ...lens, trace: 'on' })).toThrow('"trace" must be');
  });

  it('skips the queue (answered at a running trace’s next pause), and carries no channel for the client to filter by', () => {
    const parsed = parseRequest({ type: 'lens', id: 3, trace: 2, position: 0 });
    expect(isUnqueued(parsed)).toBe(true);
    expect('channel' in parsed).toBe(false);
  });
});
