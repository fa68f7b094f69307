import type { Floats } from './floats';
import {
  checkBounds,
  convertInto,
  headerLength,
  LENGTH_BYTES,
  parseHeader,
  shortFileError,
  type Entry,
  type SafetensorsHeader,
} from './safetensors';

/**
 * A safetensors file (safetensors.ts) read as its bytes arrive — a download, a cached answer's
 * body, a dropped file's stream — and never held whole: the header is read from the first
 * chunks, and each tensor's bytes are converted into the place its reader gave for it as they
 * come, so the file's bytes are held only a chunk at a time (GPT-2 small: 498 MB never are).
 *
 * Chunks may end anywhere: inside the header's length, inside the header, inside one element
 * (the element's first bytes wait in `carry` for the rest). The same checks as
 * indexSafetensors', with the same SafetensorsError messages: the header's at once, the file's
 * length at `end`.
 */

/** Where the tensors' values go, given once the header has been read and checked. */
export interface TensorSink {
  /**
   * Where tensor `name`'s values go (exactly its element count), asked when its first bytes
   * arrive; null to skip it. Tensors arrive one after the other, in the file's order.
   */
  target(name: string): Floats | null;
  /** Tensor `name`'s values are all in its target. */
  filled(name: string): void;
}

/** The tensor whose bytes are arriving. */
interface Filling {
  target: Floats | null;
  /** Elements converted so far. */
  elements: number;
  /** The first bytes of an element split between two chunks. */
  carry: Uint8Array;
  carried: number;
}

export class SafetensorsStream {
  /** Chunks of the length and header, until all of the header is here. */
  private head: Uint8Array[] = [];
  private headBytes = 0;
  private headerBytes: number | null = null;
  /** The header's entries by where their bytes begin, once it is read. */
  private entries: Entry[] | null = null;
  private sink: TensorSink | null = null;
  /** Bytes of the data buffer received. */
  private received = 0;
  /** Entries before this one are filled. */
  private next = 0;
  private filling: Filling | null = null;
  private refusal: { error: unknown } | null = null;

  /** `onHeader` checks the header against what the caller expects (throwing to refuse it). */
  constructor(private readonly onHeader: (header: SafetensorsHeader) => TensorSink) {}

  push(part: Uint8Array): void {
    this.unlessRefused(() => {
      const data = this.entries ? part : this.readHeader(part);
      if (data) this.readData(data);
    });
  }

  /** The file has ended: a SafetensorsError if it ended before the header said it would. */
  end(): void {
    this.unlessRefused(() => {
      if (!this.entries) throw shortFileError(this.headBytes, this.headerBytes);
      checkBounds(this.entries, this.received);
      // Empty tensors past the last byte received are filled now.
      this.readData(new Uint8Array(0));
    });
  }

  /** Once refused, the file stays refused: its later bytes would be read out of place. */
  private unlessRefused(step: () => void): void {
    if (this.refusal) throw this.refusal.error;
    try {
      step();
    } catch (error) {
      this.refusal = { error };
      throw error;
    }
  }

  /** Keeps chunks until the header is whole; then reads it and returns the data after it. */
  private readHeader(part: Uint8Array): Uint8Array | null {
    this.head.push(part);
    this.headBytes += part.length;
    if (this.headerBytes === null) {
      if (this.headBytes < LENGTH_BYTES) return null;
      const first = joined(this.head, this.headBytes);
      this.head = [first];
      this.headerBytes = headerLength(first);
    }
    const dataStart = LENGTH_BYTES + this.headerBytes;
    if (this.headBytes < dataStart) return null;
    const all = joined(this.head, this.headBytes);
    this.head = [];
    const header = parseHeader(all.subarray(LENGTH_BYTES, dataStart));
    this.entries = [...header.entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
    this.sink = this.onHeader(header);
    return all.subarray(dataStart);
  }

  /** `part` is the data buffer's bytes [received, received + part.length). */
  private readData(part: Uint8Array): void {
    const entries = this.entries!;
    const start = this.received;
    const end = start + part.length;
    this.received = end;
    for (; this.next < entries.length; this.next++) {
      const e = entries[this.next];
      if (e.end > end) {
        if (e.begin < end) this.write(e, part.subarray(Math.max(e.begin - start, 0)));
        return;
      }
      if (e.end > start) this.write(e, part.subarray(Math.max(e.begin - start, 0), e.end - start));
      const { target } = this.filling ?? this.begin(e);
      this.filling = null;
      if (target) this.sink!.filled(e.name);
    }
  }

  private begin(e: Entry): Filling {
    const target = this.sink!.target(e.name);
    const elements = (e.end - e.begin) / e.codec.bytes;
    if (target && target.length !== elements) {
      throw new Error(
        `tensor ${e.name} has ${elements} elements; its target holds ${target.length}`,
      );
    }
    this.filling = { target, elements: 0, carry: new Uint8Array(e.codec.bytes), carried: 0 };
    return this.filling;
  }

  /** Converts the next bytes of tensor `e` (whole elements; a split one waits for the rest). */
  private write(e: Entry, raw: Uint8Array): void {
    const f = this.filling ?? this.begin(e);
    if (!f.target) return;
    const size = e.codec.bytes;
    if (f.carried > 0) {
      const take = Math.min(size - f.carried, raw.length);
      f.carry.set(raw.subarray(0, take), f.carried);
      f.carried += take;
      raw = raw.subarray(take);
      if (f.carried < size) return;
      convertInto(e.codec, f.carry, f.target, f.elements++);
      f.carried = 0;
    }
    const whole = raw.length - (raw.length % size);
    convertInto(e.codec, raw.subarray(0, whole), f.target, f.elements);
    f.elements += whole / size;
    f.carry.set(raw.subarray(whole));
    f.carried = raw.length - whole;
  }
}

/** The first `n` bytes of `parts` in one array: the first part itself when it holds them. */
function joined(parts: Uint8Array[], n: number): Uint8Array {
  if (parts[0].length >= n) return parts[0];
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p.subarray(0, n - at), at);
    at += Math.min(p.length, n - at);
    if (at === n) break;
  }
  return out;
}
