/**
 * The safetensors weight format, read and written with typed arrays only, so the same code runs
 * in Node (training scripts, tests) and in a browser Web Worker.
 *
 *   [ N: u64 little-endian ][ N bytes of UTF-8 JSON header ][ data buffer ]
 *
 * The header maps each tensor name to { dtype, shape, data_offsets: [begin, end) }, offsets
 * relative to the start of the data buffer, plus an optional "__metadata__" of string → string.
 * Tensors are little-endian, row-major and contiguous.
 *
 * A weights file is untrusted input (downloaded, dropped in by a user, cut short by a failed
 * transfer), so the decoder checks every claim the header makes against the bytes it really has,
 * and refuses with a SafetensorsError naming the tensor, what was expected and what was found.
 * No other exception may escape it: callers catch one class and show its message.
 */

import type { Floats } from './floats';

export interface NamedTensor {
  shape: number[];
  data: Float32Array;
}

export interface SafetensorsFile {
  tensors: Map<string, NamedTensor>;
  metadata: Record<string, string>;
}

export class SafetensorsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SafetensorsError';
  }
}

const METADATA_KEY = '__metadata__';
/** The reference implementation's limit too: a real header is kilobytes, so more means garbage. */
const MAX_HEADER_BYTES = 100_000_000;

/**
 * Bytes per element, how to read one little-endian element at a byte offset, and, for the
 * types a model is published in, how to convert a whole tensor into a Float32Array at typed-
 * array speed: read element by element through a DataView, GPT-2 small's 124M weights took 5 s.
 */
export interface DtypeCodec {
  bytes: number;
  read(view: DataView, offset: number): number;
  /** Converts `raw`, exactly target.length elements, into target; little-endian hosts only. */
  readAll?(raw: Uint8Array, target: Float32Array): void;
}

/** Typed arrays use the host's byte order; the fast paths need it to be the file's. */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

// A Map, not an object literal, so a header dtype like "toString" cannot find a prototype member.
const DTYPES = new Map<string, DtypeCodec>([
  ['F64', { bytes: 8, read: (v, o) => v.getFloat64(o, true) }],
  [
    'F32',
    {
      bytes: 4,
      read: (v, o) => v.getFloat32(o, true),
      // A byte copy: no alignment needed, and NaN payloads kept for the caller to refuse.
      readAll: (raw, target) => bytesOf(target).set(raw),
    },
  ],
  [
    'F16',
    {
      bytes: 2,
      read: (v, o) => f16ToNumber(v.getUint16(o, true)),
      readAll: (raw, target) => {
        const bits = uint16s(raw);
        const table = f16Table();
        for (let i = 0; i < bits.length; i++) target[i] = table[bits[i]];
      },
    },
  ],
  [
    'BF16',
    {
      bytes: 2,
      read: (v, o) => bf16ToNumber(v.getUint16(o, true)),
      readAll: (raw, target) => {
        // bfloat16 bits are the top half of the float32's
        const bits = uint16s(raw);
        const out = new Uint32Array(target.buffer, target.byteOffset, target.length);
        for (let i = 0; i < bits.length; i++) out[i] = bits[i] << 16;
      },
    },
  ],
]);

function bytesOf(a: Float32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Little-endian u16s as an array: a view when aligned, else a copy that is. */
function uint16s(raw: Uint8Array): Uint16Array {
  const aligned = raw.byteOffset % 2 === 0 ? raw : raw.slice();
  return new Uint16Array(aligned.buffer, aligned.byteOffset, aligned.length / 2);
}

let f16Values: Float32Array | null = null;

/** Every binary16 bit pattern's value (256 kB, made on first use). */
function f16Table(): Float32Array {
  if (!f16Values) {
    f16Values = new Float32Array(0x10000);
    for (let b = 0; b < 0x10000; b++) f16Values[b] = f16ToNumber(b);
  }
  return f16Values;
}

/** IEEE 754 binary16: 1 sign bit, 5 exponent bits (bias 15), 10 mantissa bits. */
function f16ToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24; // subnormal: 0.m × 2^-14 = m × 2^-24
  if (exponent === 0x1f) return mantissa ? NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** bfloat16 is the top half of a float32: 1 sign, 8 exponent bits (bias 127), 7 mantissa bits. */
function bf16ToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 7) & 0xff;
  const mantissa = bits & 0x7f;
  if (exponent === 0) return sign * mantissa * 2 ** -133; // subnormal: 0.m × 2^-126 = m × 2^-133
  if (exponent === 0xff) return mantissa ? NaN : sign * Infinity;
  return sign * (1 + mantissa / 128) * 2 ** (exponent - 127);
}

// ---------------------------------------------------------------------------------------------
// Encoding

/**
 * Writes F32 tensors sorted by name (UTF-16 code-unit order, not locale order), so the same
 * weights always give the same bytes. The header is padded with spaces so the data buffer starts
 * 8-byte aligned in the file, which lets a reader view it without copying.
 */
export function encodeSafetensors(
  tensors: Map<string, NamedTensor> | Record<string, NamedTensor>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const named = (tensors instanceof Map ? [...tensors] : Object.entries(tensors)).sort(byKey);
  const fields: string[] = [];

  const metaEntries = Object.entries(metadata).sort(byKey);
  for (const [key, value] of metaEntries) {
    if (typeof value !== 'string') {
      throw new SafetensorsError(
        `metadata ${quote(key)}: values must be strings, found ${describe(value)}`,
      );
    }
  }
  // The JSON is assembled by hand because JSON.stringify of an object would move integer-like
  // keys ("0", "12") to the front and break the sorted order.
  if (metaEntries.length > 0) fields.push(`"${METADATA_KEY}":${jsonObject(metaEntries)}`);

  let dataBytes = 0;
  for (const [name, tensor] of named) {
    if (name === METADATA_KEY) throw new SafetensorsError(`"${METADATA_KEY}" is reserved`);
    const { shape, data } = tensor;
    const where = `tensor ${quote(name)}`;
    if (!Array.isArray(shape)) throw new SafetensorsError(`${where}: shape must be an array`);
    shape.forEach((d, i) => checkDim(where, i, d));
    if (!(data instanceof Float32Array) || data.length !== elementCount(shape)) {
      throw new SafetensorsError(
        `${where}: shape [${shape.join(', ')}] has ${elementCount(shape)} elements, ` +
          `found ${data instanceof Float32Array ? `${data.length} in data` : 'no Float32Array'}`,
      );
    }
    const end = dataBytes + data.length * 4;
    const entry = `{"dtype":"F32","shape":[${shape.join(',')}],"data_offsets":[${dataBytes},${end}]}`;
    fields.push(`${JSON.stringify(name)}:${entry}`);
    dataBytes = end;
  }

  const json = new TextEncoder().encode(`{${fields.join(',')}}`);
  const headerBytes = Math.ceil(json.length / 8) * 8; // 8 + headerBytes is then a multiple of 8
  const out = new Uint8Array(8 + headerBytes + dataBytes);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerBytes); // trailing spaces are valid JSON whitespace

  let offset = 8 + headerBytes;
  for (const [, { data }] of named) {
    for (let i = 0; i < data.length; i++, offset += 4) view.setFloat32(offset, data[i], true);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Decoding

/** A header entry that has passed every check that needs only the header. */
export interface Entry {
  name: string;
  codec: DtypeCodec;
  shape: number[];
  begin: number;
  end: number;
}

/** What a header says: the tensors' entries, sorted by name (not yet checked against the file's length). */
export interface Header extends SafetensorsHeader {
  entries: Entry[];
}

/** What a checked header says of the tensors, for a caller to compare with what it expects. */
export interface SafetensorsHeader {
  metadata: Record<string, string>;
  /** Each tensor's shape, by name, sorted by name. */
  shapes: Map<string, number[]>;
}

/**
 * A file whose header has passed every check (sizes, bounds, overlaps) but whose tensors are not
 * read yet: a caller can compare the shapes with what it expects, and refuse, before allocating
 * anything for the data.
 */
export interface SafetensorsIndex extends SafetensorsHeader {
  /** Reads tensor `name` into `target` (rounded to its type), which must hold exactly its elements. */
  readInto(name: string, target: Float32Array | Float64Array): void;
}

/** Bytes before the header: its length, a u64. */
export const LENGTH_BYTES = 8;

/**
 * The header's length in bytes, from the file's first bytes (`LENGTH_BYTES` of them at least),
 * or a SafetensorsError when it is past any real header's.
 */
export function headerLength(first: Uint8Array): number {
  const declared = new DataView(first.buffer, first.byteOffset, LENGTH_BYTES).getBigUint64(0, true);
  if (declared > BigInt(MAX_HEADER_BYTES)) {
    throw new SafetensorsError(
      `header size ${declared} bytes is absurd (limit ${MAX_HEADER_BYTES}); not a safetensors file?`,
    );
  }
  return Number(declared);
}

/** A file that ends before its header's length, or before its header does. */
export function shortFileError(fileBytes: number, headerBytes: number | null): SafetensorsError {
  return new SafetensorsError(
    headerBytes === null
      ? `file is ${fileBytes} bytes long; a safetensors file needs at least ${LENGTH_BYTES} (the header size)`
      : `header size ${headerBytes} bytes is larger than the file: only ${fileBytes - LENGTH_BYTES} bytes follow`,
  );
}

/** The header's JSON, checked in every claim that does not need the file's length. */
export function parseHeader(raw: Uint8Array): Header {
  const header = parseJson(raw);
  let metadata: Record<string, string> = {};
  const entries: Entry[] = [];
  for (const [name, value] of Object.entries(header)) {
    if (name === METADATA_KEY) metadata = parseMetadata(value);
    else entries.push(parseEntry(name, value));
  }
  checkNoOverlap(entries);
  entries.sort(byEntryName);
  return { metadata, entries, shapes: new Map(entries.map((e) => [e.name, e.shape])) };
}

/**
 * Converts `raw`, whole elements of type `codec`, into target[at …]: at typed-array speed for
 * Float32 targets on little-endian hosts, else element by element.
 */
export function convertInto(codec: DtypeCodec, raw: Uint8Array, target: Floats, at: number): void {
  const n = raw.length / codec.bytes;
  if (codec.readAll && LITTLE_ENDIAN && target instanceof Float32Array) {
    return codec.readAll(raw, target.subarray(at, at + n));
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  for (let i = 0; i < n; i++) target[at + i] = codec.read(view, i * codec.bytes);
}

/** Checks a file's header against its bytes and reads no tensor data. */
export function indexSafetensors(input: Uint8Array | ArrayBuffer): SafetensorsIndex {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length < LENGTH_BYTES) throw shortFileError(bytes.length, null);
  const headerBytes = headerLength(bytes);
  const dataStart = LENGTH_BYTES + headerBytes;
  if (dataStart > bytes.length) throw shortFileError(bytes.length, headerBytes);
  const { metadata, entries, shapes } = parseHeader(bytes.subarray(LENGTH_BYTES, dataStart));
  checkBounds(entries, bytes.length - dataStart);

  const byName = new Map(entries.map((e) => [e.name, e]));
  return {
    metadata,
    shapes,
    readInto(name, target) {
      const e = byName.get(name);
      if (!e) throw new SafetensorsError(`no tensor ${quote(name)} in the file`);
      const { codec, begin, end } = e;
      if (target.length * codec.bytes !== end - begin) {
        throw new SafetensorsError(
          `tensor ${quote(name)} has ${(end - begin) / codec.bytes} elements, not ${target.length}`,
        );
      }
      convertInto(codec, bytes.subarray(dataStart + begin, dataStart + end), target, 0);
    },
  };
}

/** Reads F32, F16, BF16 and F64 tensors, all converted to Float32Array; tensors sorted by name. */
export function decodeSafetensors(input: Uint8Array | ArrayBuffer): SafetensorsFile {
  const index = indexSafetensors(input);
  const tensors = new Map<string, NamedTensor>();
  for (const [name, shape] of index.shapes) {
    const data = new Float32Array(elementCount(shape));
    index.readInto(name, data);
    tensors.set(name, { shape, data });
  }
  return { tensors, metadata: index.metadata };
}

function parseJson(raw: Uint8Array): Record<string, unknown> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch (e) {
    throw new SafetensorsError('header is not valid UTF-8', { cause: e });
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    throw new SafetensorsError(`header is not valid JSON: ${clip(String(e), 200)}`, { cause: e });
  }
  if (!isObject(header)) {
    throw new SafetensorsError(
      `header must be a JSON object of tensor entries, found ${describe(header)}`,
    );
  }
  return header;
}

function parseMetadata(value: unknown): Record<string, string> {
  if (!isObject(value)) {
    throw new SafetensorsError(
      `"${METADATA_KEY}" must be an object of strings, found ${describe(value)}`,
    );
  }
  const entries = Object.entries(value);
  for (const [key, v] of entries) {
    if (typeof v !== 'string') {
      throw new SafetensorsError(
        `metadata ${quote(key)}: values must be strings, found ${describe(v)}`,
      );
    }
  }
  // fromEntries defines own properties, so even a key "__proto__" stays a plain entry.
  return Object.fromEntries(entries) as Record<string, string>;
}

function parseEntry(name: string, value: unknown): Entry {
  const where = `tensor ${quote(name)}`;
  const fail = (problem: string) => new SafetensorsError(`${where}: ${problem}`);
  if (!isObject(value)) {
    throw fail(`entry must be an object with dtype, shape, data_offsets; found ${describe(value)}`);
  }
  for (const key of ['dtype', 'shape', 'data_offsets']) {
    if (!Object.hasOwn(value, key)) throw fail(`entry is missing "${key}"`);
  }
  const { dtype, shape, data_offsets: offsets } = value;

  if (typeof dtype !== 'string') throw fail(`"dtype" must be a string, found ${describe(dtype)}`);
  const codec = DTYPES.get(dtype);
  if (!codec) {
    throw fail(
      `dtype ${quote(dtype)} is not supported (supported: ${[...DTYPES.keys()].join(', ')})`,
    );
  }
  if (!Array.isArray(shape)) throw fail(`"shape" must be an array, found ${describe(shape)}`);
  shape.forEach((d, i) => checkDim(where, i, d));

  if (!Array.isArray(offsets) || offsets.length !== 2) {
    throw fail(`"data_offsets" must be [begin, end], found ${describe(offsets)}`);
  }
  const [begin, end] = offsets;
  if (!isCount(begin) || !isCount(end) || end < begin) {
    throw fail(
      `"data_offsets" must be integers 0 <= begin <= end, found [${describe(begin)}, ${describe(end)}]`,
    );
  }

  const needed = elementCount(shape) * codec.bytes;
  if (needed !== end - begin) {
    throw new SafetensorsError(
      `header lies about sizes: ${where} is ${dtype} of shape [${shape.join(', ')}], ` +
        `which needs ${needed} bytes, but data_offsets [${begin}, ${end}] span ${end - begin}`,
    );
  }
  return { name, codec, shape, begin, end };
}

/** A tensor reaching past the end of the buffer means the file was cut short. */
export function checkBounds(entries: Entry[], bufferBytes: number): void {
  const last = entries.reduce<Entry | null>((a, e) => (a && a.end >= e.end ? a : e), null);
  if (last && last.end > bufferBytes) {
    throw new SafetensorsError(
      `file is truncated: tensor ${quote(last.name)} ends at byte ${last.end} of the data ` +
        `buffer, which holds only ${bufferBytes} bytes (${last.end - bufferBytes} bytes missing)`,
    );
  }
}

/**
 * Two tensors sharing bytes means a corrupt header; empty tensors own no bytes and never clash.
 * Sorted by begin, the first overlap is always between neighbours: while none has been found,
 * each tensor ends before the next begins, so the previous one reaches furthest.
 */
function checkNoOverlap(entries: Entry[]): void {
  const occupied = entries.filter((e) => e.end > e.begin).sort((a, b) => a.begin - b.begin);
  for (let i = 1; i < occupied.length; i++) {
    const [a, b] = [occupied[i - 1], occupied[i]];
    if (b.begin < a.end) {
      throw new SafetensorsError(
        `tensors ${quote(a.name)} [${a.begin}, ${a.end}) and ${quote(b.name)} [${b.begin}, ${b.end}) overlap`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function checkDim(where: string, index: number, d: unknown): void {
  if (!isCount(d)) {
    throw new SafetensorsError(
      `${where}: shape[${index}] must be a non-negative integer, found ${describe(d)}`,
    );
  }
}

/** A non-negative integer small enough to be exact as a JS number. */
function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

/** Product of dims; 0 first, so huge dims beside a zero cannot overflow to Infinity × 0 = NaN. */
function elementCount(shape: number[]): number {
  return shape.includes(0) ? 0 : shape.reduce((n, d) => n * d, 1);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A short, non-recursive description of a JSON value (deep nesting must not blow the stack). */
function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (typeof x === 'object') return `an object with keys ${clip(Object.keys(x).join(', '), 80)}`;
  if (typeof x === 'string') return `the string ${quote(x)}`;
  return `${typeof x} ${String(x)}`;
}

function quote(s: string): string {
  return clip(JSON.stringify(s), 120);
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

function jsonObject(entries: [string, string][]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
}

function byKey([a]: [string, unknown], [b]: [string, unknown]): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byEntryName(a: Entry, b: Entry): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
