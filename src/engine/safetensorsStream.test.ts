import { describe, expect, it } from 'vitest';
import { decodeSafetensors, indexSafetensors, SafetensorsError } from './safetensors';
import { SafetensorsStream } from './safetensorsStream';

/**
 * A file of every dtype the reader converts, built byte by byte (not with the code under test):
 * values of odd sizes at odd offsets, an empty tensor, a gap between tensors, and unused bytes
 * after the last; its tensors are out of name order in the data buffer.
 */
function mixedFile(): Uint8Array {
  const parts: [string, string, number[], Uint8Array][] = [];
  const bytes = (n: number, seed: number) =>
    Uint8Array.from({ length: n }, (_, i) => (i * 37 + seed * 11) & 0xff);
  // F16 and BF16 bit patterns that are finite (exponent not all ones), F32 and F64 values.
  const f32 = new Uint8Array(Float32Array.of(1.5, -2.25, 3e-38, 7).buffer);
  const f64 = new Uint8Array(Float64Array.of(Math.PI, -1e-300, 2 ** 40).buffer);
  const f16 = bytes(10, 1).map((b, i) => (i % 2 ? b & 0x7b : b));
  const bf16 = bytes(6, 2).map((b, i) => (i % 2 ? b & 0x3f : b));
  parts.push(['z.f64', 'F64', [3], f64]);
  parts.push(['a.f16', 'F16', [5], f16]);
  parts.push(['m.empty', 'F32', [0, 4], new Uint8Array(0)]);
  parts.push(['b.f32', 'F32', [2, 2], f32]);
  parts.push(['c.bf16', 'BF16', [3], bf16]);
  const entries: string[] = [];
  const data: number[] = [];
  for (const [name, dtype, shape, raw] of parts) {
    if (name === 'b.f32') data.push(9, 9, 9); // a gap no tensor owns
    entries.push(
      `"${name}":{"dtype":"${dtype}","shape":[${shape}],"data_offsets":[${data.length},${data.length + raw.length}]}`,
    );
    data.push(...raw);
  }
  data.push(1, 2, 3); // unused bytes after the last tensor
  const header = new TextEncoder().encode(`{"__metadata__":{"k":"v"},${entries.join(',')}}`);
  const out = new Uint8Array(8 + header.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(header.length), true);
  out.set(header, 8);
  out.set(data, 8 + header.length);
  return out;
}

/** Streams `file` in chunks of `size` into fresh arrays, one per tensor, in the order they filled. */
function streamed(file: Uint8Array, size: number) {
  const got = new Map<string, Float32Array>();
  const order: string[] = [];
  const stream = new SafetensorsStream((header) => ({
    target: (name) => {
      const t = new Float32Array(header.shapes.get(name)!.reduce((a, b) => a * b, 1));
      got.set(name, t);
      return t;
    },
    filled: (name) => void order.push(name),
  }));
  for (let at = 0; at < file.length; at += size) stream.push(file.subarray(at, at + size));
  stream.end();
  return { got, order };
}

const errorOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SafetensorsError);
    return (e as Error).message;
  }
  return 'no error';
};

describe('SafetensorsStream', () => {
  const file = mixedFile();
  const whole = decodeSafetensors(file).tensors;

  it('converts every tensor as the whole-file reader does, in chunks of any size', () => {
    // 1 byte; sizes that split the length, the header, and elements of 2, 4 and 8 bytes; all at once
    for (const size of [1, 2, 3, 5, 7, 8, 9, 13, 64, file.length]) {
      const { got, order } = streamed(file, size);
      expect([...got.keys()].sort(), `chunks of ${size}`).toEqual([...whole.keys()]);
      for (const [name, { data }] of whole) {
        const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer));
        expect(bits(got.get(name)!), `${name}, chunks of ${size}`).toEqual(bits(data));
      }
      // Filled in the file's order, each once.
      expect(order).toEqual(['z.f64', 'a.f16', 'm.empty', 'b.f32', 'c.bf16']);
    }
  });

  it('skips a tensor whose target is null', () => {
    const filled: string[] = [];
    const stream = new SafetensorsStream(() => ({
      target: (name) => (name === 'b.f32' ? new Float32Array(4) : null),
      filled: (name) => void filled.push(name),
    }));
    stream.push(file);
    stream.end();
    expect(filled).toEqual(['b.f32']);
  });

  it('refuses a file cut short anywhere with the whole-file reader’s message, chunk by chunk', () => {
    for (let cut = 0; cut < file.length - 3; cut++) {
      const part = file.subarray(0, cut);
      const expected = errorOf(() => indexSafetensors(part));
      for (const size of [1, 7]) expect(errorOf(() => streamed(part, size))).toBe(expected);
    }
  });

  it('refuses a bad header as soon as it is all there, before any data arrives', () => {
    const dataStart = 8 + Number(new DataView(file.buffer).getBigUint64(0, true));
    const text = new TextDecoder().decode(file.subarray(8, dataStart));
    const corrupt = (from: string, to: string) => {
      const bad = file.slice();
      bad.set(new TextEncoder().encode(text.replace(from, to)), 8);
      return bad;
    };
    const cases: [Uint8Array, RegExp][] = [
      [corrupt('"BF16"', '"BF16['), /header is not valid JSON/],
      [corrupt('"F64"', '"I64"'), /tensor "z\.f64": dtype "I64" is not supported/],
      [corrupt('[3]', '[4]'), /header lies about sizes: tensor "z\.f64"/],
    ];
    for (const [bad, message] of cases) {
      const stream = new SafetensorsStream(() => {
        throw new Error('a bad header is not handed on');
      });
      // Byte by byte: the last byte of the header is the one refused.
      for (let at = 0; at < dataStart - 1; at++) stream.push(bad.subarray(at, at + 1));
      expect(() => stream.push(bad.subarray(dataStart - 1, dataStart))).toThrow(message);
      // Refused, it stays refused: the bytes after the header are not read as a new one.
      expect(() => stream.push(bad.subarray(dataStart))).toThrow(message);
      expect(() => stream.end()).toThrow(message);
    }
    const absurd = file.slice();
    absurd[7] = 1;
    const stream = new SafetensorsStream(() => ({ target: () => null, filled: () => {} }));
    expect(() => stream.push(absurd.subarray(0, 8))).toThrow(/header size \d+ bytes is absurd/);
  });
});
