import { describe, expect, it } from 'vitest';
import { Rng } from './rng';
import {
  decodeSafetensors,
  encodeSafetensors,
  indexSafetensors,
  SafetensorsError,
  type NamedTensor,
} from './safetensors';

// ---------------------------------------------------------------------------------------------
// Fixture helpers: files are built byte by byte here, never with the code under test.

/** [u64 LE header length][header][data], exactly as the spec lays it out. */
function handFile(headerJson: string, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const header = new TextEncoder().encode(headerJson);
  return withHeaderSize(header.length, concat(header, data));
}

/** Any u64 as the size prefix, followed by arbitrary bytes: for lying about the header size. */
function withHeaderSize(size: number | bigint, rest: Uint8Array): Uint8Array {
  const prefix = new Uint8Array(8);
  new DataView(prefix.buffer).setBigUint64(0, BigInt(size), true);
  return concat(prefix, rest);
}

/** A file whose header is the JSON of `header` (a convenience for the many corrupt cases). */
function jsonFile(header: unknown, data?: Uint8Array): Uint8Array {
  return handFile(JSON.stringify(header), data);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function f32le(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}

function u16le(...bits: number[]): Uint8Array {
  const out = new Uint8Array(bits.length * 2);
  const view = new DataView(out.buffer);
  bits.forEach((b, i) => view.setUint16(i * 2, b, true));
  return out;
}

function f64le(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setFloat64(i * 8, v, true));
  return out;
}

/** Bit patterns, so -0 vs +0 and NaN are compared exactly. */
function bitsOf(data: Float32Array): number[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return Array.from({ length: data.length }, (_, i) => view.getUint32(i * 4, true));
}

function tensor(shape: number[], values: number[]): NamedTensor {
  return { shape, data: Float32Array.from(values) };
}

/** The header JSON and the data offset of an encoded file, read without the decoder. */
function rawHeader(bytes: Uint8Array): { json: string; dataStart: number } {
  const size = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return {
    json: new TextDecoder().decode(bytes.subarray(8, 8 + size)),
    dataStart: 8 + size,
  };
}

function refusal(bytes: Uint8Array): SafetensorsError {
  try {
    decodeSafetensors(bytes);
  } catch (e) {
    if (e instanceof SafetensorsError) return e;
    throw new Error(`expected a SafetensorsError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected the file to be refused, but it decoded');
}

// ---------------------------------------------------------------------------------------------

describe('encodeSafetensors / decodeSafetensors', () => {
  const weights = new Map<string, NamedTensor>([
    ['wte', tensor([3, 2], [0.5, -1.25, 3e-8, 1e30, -0, Infinity])],
    ['ln.bias', tensor([2], [NaN, -7])],
    ['scale', tensor([], [42.5])],
    ['empty', tensor([0, 4], [])],
    ['cube', tensor([2, 1, 2], [1, 2, 3, 4])],
  ]);

  it('round-trips several tensors, a scalar, an empty tensor and metadata, bit for bit', () => {
    const metadata = { format: 'pt', step: '1200', note: 'héllo ✓' };
    const decoded = decodeSafetensors(encodeSafetensors(weights, metadata));
    expect(decoded.metadata).toEqual(metadata);
    expect([...decoded.tensors.keys()].sort()).toEqual([...weights.keys()].sort());
    for (const [name, t] of weights) {
      const back = decoded.tensors.get(name)!;
      expect(back.shape, name).toEqual(t.shape);
      expect(back.data, name).toBeInstanceOf(Float32Array);
      expect(bitsOf(back.data), name).toEqual(bitsOf(t.data));
    }
  });

  it('gives the same bytes for the same weights, whatever the insertion order or container', () => {
    const reversed = new Map([...weights].reverse());
    const asRecord = Object.fromEntries([...weights].sort(() => -1));
    const a = encodeSafetensors(weights, { b: '2', a: '1' });
    expect(encodeSafetensors(reversed, { a: '1', b: '2' })).toEqual(a);
    expect(encodeSafetensors(asRecord, { a: '1', b: '2' })).toEqual(a);
    // decode → encode reproduces the file exactly
    const again = decodeSafetensors(a);
    expect(encodeSafetensors(again.tensors, again.metadata)).toEqual(a);
  });

  it('lays tensors out in name order (code units, so integer-like names do not jump ahead)', () => {
    const bytes = encodeSafetensors({
      b: tensor([1], [2]),
      '10': tensor([1], [10]),
      a: tensor([1], [1]),
      '2': tensor([1], [20]),
    });
    const { json, dataStart } = rawHeader(bytes);
    const order = [...json.matchAll(/"([^"]+)":\{"dtype"/g)].map((m) => m[1]);
    expect(order).toEqual(['10', '2', 'a', 'b']);
    const view = new DataView(bytes.buffer, dataStart);
    expect([0, 1, 2, 3].map((i) => view.getFloat32(i * 4, true))).toEqual([10, 20, 1, 2]);
  });

  it('pads the header with spaces so the data starts 8-byte aligned, for any name length', () => {
    for (let len = 0; len < 17; len++) {
      const bytes = encodeSafetensors({ ['x'.repeat(len)]: tensor([1], [1.5]) });
      const { json, dataStart } = rawHeader(bytes);
      expect(dataStart % 8, `name length ${len}`).toBe(0);
      expect(json).toMatch(/^\{.*\} *$/);
      expect(bytes.length).toBe(dataStart + 4);
    }
  });

  it('encodes an empty collection as a valid empty file', () => {
    const decoded = decodeSafetensors(encodeSafetensors({}));
    expect(decoded.tensors.size).toBe(0);
    expect(decoded.metadata).toEqual({});
  });

  it('refuses to encode data that disagrees with its shape, or a reserved or bad name', () => {
    expect(() => encodeSafetensors({ w: tensor([2, 2], [1, 2, 3]) })).toThrow(
      /tensor "w": shape \[2, 2\] has 4 elements, found 3 in data/,
    );
    expect(() => encodeSafetensors({ w: tensor([-1], []) })).toThrow(/shape\[0\].*number -1/);
    expect(() => encodeSafetensors({ __metadata__: tensor([1], [1]) })).toThrow(/reserved/);
  });
});

describe('decodeSafetensors on hand-built files', () => {
  it('reads F32 tensors at their offsets, regardless of header key order', () => {
    const header =
      '{"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]},' +
      '"__metadata__":{"source":"hand"},' +
      '"a":{"dtype":"F32","shape":[1,2],"data_offsets":[0,8]}}';
    const file = handFile(header, f32le(1.5, -2, 0.25, 3));
    const { tensors, metadata } = decodeSafetensors(file);
    expect(metadata).toEqual({ source: 'hand' });
    expect(tensors.get('a')).toEqual({ shape: [1, 2], data: Float32Array.from([1.5, -2]) });
    expect(tensors.get('b')).toEqual({ shape: [2], data: Float32Array.from([0.25, 3]) });
    expect([...tensors.keys()]).toEqual(['a', 'b']);
  });

  it('reads from an ArrayBuffer and from a Uint8Array view at an odd offset', () => {
    const file = handFile('{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}', f32le(7, -8));
    const shifted = new Uint8Array(file.length + 3);
    shifted.set(file, 3);
    for (const input of [file.slice().buffer, shifted.subarray(3)]) {
      expect(decodeSafetensors(input).tensors.get('w')!.data).toEqual(Float32Array.from([7, -8]));
    }
  });

  it('tolerates trailing spaces after the header JSON and unused bytes after the tensors', () => {
    const file = handFile('{"w":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}   ', f32le(9, 1));
    expect(decodeSafetensors(file).tensors.get('w')!.data).toEqual(Float32Array.from([9]));
  });

  it('converts F16 bit patterns, including subnormals, infinities and NaN', () => {
    const cases: [number, number][] = [
      [0x3c00, 1],
      [0xc000, -2],
      [0x7bff, 65504], // largest finite half
      [0x0001, 2 ** -24], // smallest subnormal
      [0x03ff, 1023 * 2 ** -24], // largest subnormal
      [0x0400, 2 ** -14], // smallest normal
      [0x3555, 0.333251953125],
      [0x8000, -0],
      [0x7c00, Infinity],
      [0xfc00, -Infinity],
      [0x7e00, NaN],
    ];
    const bits = cases.map(([b]) => b);
    const header = {
      h: { dtype: 'F16', shape: [bits.length], data_offsets: [0, bits.length * 2] },
    };
    const data = decodeSafetensors(jsonFile(header, u16le(...bits))).tensors.get('h')!.data;
    cases.forEach(([b, expected], i) => {
      expect(Object.is(data[i], expected), `0x${b.toString(16)} → ${data[i]}`).toBe(true);
    });
  });

  it('converts BF16 bit patterns (the top half of a float32)', () => {
    const cases: [number, number][] = [
      [0x3f80, 1],
      [0xc000, -2],
      [0x4049, 3.140625],
      [0x0001, 2 ** -133], // smallest subnormal
      [0x0080, 2 ** -126], // smallest normal
      [0x7f7f, 0xff * 2 ** 120], // largest finite: (2 - 2^-7) × 2^127
      [0x8000, -0],
      [0xff80, -Infinity],
      [0x7fc0, NaN],
    ];
    const bits = cases.map(([b]) => b);
    const header = {
      b: { dtype: 'BF16', shape: [bits.length], data_offsets: [0, bits.length * 2] },
    };
    const data = decodeSafetensors(jsonFile(header, u16le(...bits))).tensors.get('b')!.data;
    cases.forEach(([b, expected], i) => {
      expect(Object.is(data[i], expected), `0x${b.toString(16)} → ${data[i]}`).toBe(true);
    });
  });

  it('reads whole F32, F16 and BF16 tensors into Float32 as element by element, aligned or not', () => {
    // Every binary16 pattern, as F16 and as BF16, and as many float32 patterns (NaN payloads too)
    const bits = Array.from({ length: 0x10000 }, (_, b) => b);
    const f32 = new Uint8Array(4 * bits.length);
    const view = new DataView(f32.buffer);
    bits.forEach((b, i) => view.setUint32(4 * i, Math.imul(b, 0x9e3779b1) >>> 0, true));
    const u16 = u16le(...bits);
    for (const pad of [0, 1]) {
      const data = concat(new Uint8Array(pad), u16, u16, f32);
      const at = (n: number): [number, number] => [pad + n, pad + n + u16.length];
      const index = indexSafetensors(
        jsonFile(
          {
            h: { dtype: 'F16', shape: [bits.length], data_offsets: at(0) },
            b: { dtype: 'BF16', shape: [bits.length], data_offsets: at(u16.length) },
            f: {
              dtype: 'F32',
              shape: [bits.length],
              data_offsets: [pad + 2 * u16.length, data.length],
            },
          },
          data,
        ),
      );
      for (const name of ['h', 'b', 'f']) {
        const fast = new Float32Array(bits.length);
        const slow = new Float64Array(bits.length); // not Float32: the element-by-element path
        index.readInto(name, fast);
        index.readInto(name, slow);
        const differ = bits.findIndex((i) => !Object.is(fast[i], Math.fround(slow[i])));
        expect(differ, `${name}, pad ${pad}: pattern ${differ}`).toBe(-1);
      }
    }
  });

  it('rounds F64 to the nearest float32', () => {
    const header = { d: { dtype: 'F64', shape: [2], data_offsets: [0, 16] } };
    const data = decodeSafetensors(jsonFile(header, f64le(Math.PI, -1e-3))).tensors.get('d')!.data;
    expect(Array.from(data)).toEqual([Math.fround(Math.PI), Math.fround(-1e-3)]);
  });

  it('accepts an empty tensor anywhere inside the buffer: it owns no bytes', () => {
    const header = {
      a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
      e: { dtype: 'F32', shape: [3, 0], data_offsets: [4, 4] },
    };
    const decoded = decodeSafetensors(jsonFile(header, f32le(1, 2)));
    expect(decoded.tensors.get('e')).toEqual({ shape: [3, 0], data: new Float32Array(0) });
  });

  it('counts zero elements for a zero dim after huge ones (no Infinity × 0 = NaN)', () => {
    const shape = [...Array<number>(24).fill(2 ** 52), 0];
    const header = { e: { dtype: 'F32', shape, data_offsets: [0, 0] } };
    expect(decodeSafetensors(jsonFile(header)).tensors.get('e')!.data.length).toBe(0);
  });
});

describe('decodeSafetensors refuses corrupt files with a precise message', () => {
  const ok = { dtype: 'F32', shape: [2], data_offsets: [0, 8] };
  const eight = f32le(1, 2);
  const without = (key: string) =>
    Object.fromEntries(Object.entries(ok).filter(([k]) => k !== key));
  const cases: [string, Uint8Array, RegExp][] = [
    ['too short', new Uint8Array(5), /file is 5 bytes long; .* needs at least 8/],
    ['empty', new Uint8Array(0), /file is 0 bytes long/],
    [
      'header size beyond the file',
      withHeaderSize(1000, new TextEncoder().encode('{}')),
      /header size 1000 bytes is larger than the file: only 2 bytes follow/,
    ],
    [
      'absurd header size',
      withHeaderSize(2 ** 40, new Uint8Array(16)),
      /header size 1099511627776 bytes is absurd \(limit 100000000\)/,
    ],
    [
      'header size with the top bit set',
      withHeaderSize(2n ** 64n - 1n, new Uint8Array(16)),
      /header size 18446744073709551615 bytes is absurd/,
    ],
    [
      'header not UTF-8',
      withHeaderSize(4, Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d])),
      /header is not valid UTF-8/,
    ],
    ['header not JSON', handFile('{"w": {"dtype": '), /header is not valid JSON/],
    ['zero-length header', handFile(''), /header is not valid JSON/],
    ['header an array', handFile('[1, 2]'), /header must be a JSON object .*an array of length 2/],
    ['header null', handFile('null'), /header must be a JSON object .*found null/],
    ['header a number', handFile('42'), /header must be a JSON object .*found number 42/],
    ['entry not an object', jsonFile({ w: 3 }), /tensor "w": entry must be an object .*number 3/],
    ['missing dtype', jsonFile({ w: without('dtype') }, eight), /tensor "w": .*missing "dtype"/],
    ['missing shape', jsonFile({ w: without('shape') }, eight), /tensor "w": .*missing "shape"/],
    [
      'missing data_offsets',
      jsonFile({ w: without('data_offsets') }, eight),
      /tensor "w": entry is missing "data_offsets"/,
    ],
    [
      'dtype not a string',
      jsonFile({ w: { ...ok, dtype: 32 } }, eight),
      /tensor "w": "dtype" must be a string, found number 32/,
    ],
    [
      'unsupported dtype',
      jsonFile({ w: { ...ok, dtype: 'I32' } }, eight),
      /tensor "w": dtype "I32" is not supported \(supported: F64, F32, F16, BF16\)/,
    ],
    [
      'dtype naming an Object.prototype member',
      jsonFile({ w: { ...ok, dtype: 'toString' } }, eight),
      /tensor "w": dtype "toString" is not supported/,
    ],
    [
      'shape not an array',
      jsonFile({ w: { ...ok, shape: '2' } }, eight),
      /tensor "w": "shape" must be an array, found the string "2"/,
    ],
    [
      'negative dim',
      jsonFile({ w: { ...ok, shape: [2, -1] } }, eight),
      /tensor "w": shape\[1\] must be a non-negative integer, found number -1/,
    ],
    [
      'non-integer dim',
      jsonFile({ w: { ...ok, shape: [1.5] } }, eight),
      /tensor "w": shape\[0\] must be a non-negative integer, found number 1.5/,
    ],
    [
      'dim too large to be exact',
      jsonFile({ w: { ...ok, shape: [2 ** 53] } }, eight),
      /tensor "w": shape\[0\] must be a non-negative integer, found number 9007199254740992/,
    ],
    [
      'data_offsets of the wrong length',
      jsonFile({ w: { ...ok, data_offsets: [0] } }, eight),
      /tensor "w": "data_offsets" must be \[begin, end\], found an array of length 1/,
    ],
    [
      'data_offsets ending before they begin',
      jsonFile({ w: { ...ok, data_offsets: [8, 0] } }, eight),
      /tensor "w": "data_offsets" must be integers 0 <= begin <= end, found \[number 8, number 0\]/,
    ],
    [
      'data_offsets of the wrong type',
      jsonFile({ w: { ...ok, data_offsets: ['0', 8] } }, eight),
      /found \[the string "0", number 8\]/,
    ],
    [
      'header lies about sizes (F32)',
      jsonFile({ w: { dtype: 'F32', shape: [2, 3], data_offsets: [0, 20] } }, new Uint8Array(24)),
      /header lies about sizes: tensor "w" is F32 of shape \[2, 3\], which needs 24 bytes, but data_offsets \[0, 20\] span 20/,
    ],
    [
      'header lies about sizes (F16)',
      jsonFile({ h: { dtype: 'F16', shape: [3], data_offsets: [0, 8] } }, eight),
      /header lies about sizes: tensor "h" is F16 of shape \[3\], which needs 6 bytes, but .* span 8/,
    ],
    [
      'truncated file',
      jsonFile(
        { a: ok, b: { dtype: 'F32', shape: [2], data_offsets: [8, 16] } },
        new Uint8Array(10),
      ),
      /file is truncated: tensor "b" ends at byte 16 of the data buffer, which holds only 10 bytes \(6 bytes missing\)/,
    ],
    [
      'empty tensor placed past the end',
      jsonFile({ e: { dtype: 'F32', shape: [0], data_offsets: [100, 100] } }, eight),
      /file is truncated: tensor "e" ends at byte 100 .* holds only 8 bytes \(92 bytes missing\)/,
    ],
    [
      'overlapping tensors',
      jsonFile(
        { a: ok, b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] } },
        new Uint8Array(12),
      ),
      /tensors "a" \[0, 8\) and "b" \[4, 12\) overlap/,
    ],
    [
      'one tensor inside another',
      jsonFile(
        {
          big: { dtype: 'F32', shape: [4], data_offsets: [0, 16] },
          small: { dtype: 'F16', shape: [2], data_offsets: [8, 12] },
        },
        new Uint8Array(16),
      ),
      /tensors "big" \[0, 16\) and "small" \[8, 12\) overlap/,
    ],
    [
      'metadata value not a string',
      jsonFile({ __metadata__: { step: 1200 }, w: ok }, eight),
      /metadata "step": values must be strings, found number 1200/,
    ],
    [
      'metadata not an object',
      jsonFile({ __metadata__: ['a'] }),
      /"__metadata__" must be an object of strings, found an array of length 1/,
    ],
  ];

  it.each(cases)('%s', (_, bytes, message) => {
    expect(refusal(bytes).message).toMatch(message);
  });

  it('checks each case is corrupt in only the way it claims: the fixtures are otherwise valid', () => {
    expect(decodeSafetensors(jsonFile({ w: ok }, eight)).tensors.get('w')!.data).toEqual(
      Float32Array.from([1, 2]),
    );
    const full = jsonFile(
      { a: ok, b: { dtype: 'F32', shape: [2], data_offsets: [8, 16] } },
      new Uint8Array(16),
    );
    expect(decodeSafetensors(full).tensors.size).toBe(2);
  });
});

describe('decodeSafetensors under random corruption', () => {
  const valid = encodeSafetensors(
    {
      'h.0.attn.w': tensor(
        [16, 8],
        Array.from({ length: 128 }, (_, i) => i / 7),
      ),
      'h.0.ln.b': tensor([3], [0.1, 0.2, 0.3]),
      scale: tensor([], [2]),
      empty: tensor([0], []),
    },
    { step: '7' },
  );
  const headerEnd = rawHeader(valid).dataStart;
  // Characters that turn JSON into other valid JSON as often as into garbage.
  const jsonish = new TextEncoder().encode('{}[]":,0123456789-.eE ntf');

  function mutate(rng: Rng): Uint8Array {
    const bytes = valid.slice();
    switch (rng.int(4)) {
      case 0: // flip a few random bits anywhere
        for (let k = 1 + rng.int(4); k > 0; k--) bytes[rng.int(bytes.length)] ^= 1 << rng.int(8);
        return bytes;
      case 1: // cut the file short
        return bytes.slice(0, rng.int(bytes.length));
      case 2: // replace a header character with JSON punctuation or a digit
        for (let k = 1 + rng.int(3); k > 0; k--) {
          bytes[8 + rng.int(headerEnd - 8)] = jsonish[rng.int(jsonish.length)];
        }
        return bytes;
      default: // random size prefix and random bytes
        return Uint8Array.from({ length: rng.int(64) }, () => rng.int(256));
    }
  }

  it('either decodes to consistent tensors or throws a SafetensorsError, never anything else', () => {
    const rng = new Rng(20240611);
    let decoded = 0;
    let refused = 0;
    for (let trial = 0; trial < 4000; trial++) {
      const bytes = mutate(rng);
      let file;
      try {
        file = decodeSafetensors(bytes);
      } catch (e) {
        if (!(e instanceof SafetensorsError)) {
          throw new Error(`trial ${trial}: threw ${String(e)} for bytes [${bytes.join(',')}]`, {
            cause: e,
          });
        }
        expect(e.message.length).toBeGreaterThan(10);
        refused++;
        continue;
      }
      for (const [name, t] of file.tensors) {
        expect(t.data.length, name).toBe(t.shape.reduce((n, d) => n * d, 1));
      }
      decoded++;
    }
    // Both outcomes must be common, or the mutations are not exercising the decoder.
    expect(decoded).toBeGreaterThan(400);
    expect(refused).toBeGreaterThan(400);
  });
});
