/**
 * The one error a weights file may cause, whichever format it is in (modelFile.ts for ours,
 * gpt2File.ts for Hugging Face's GPT-2): its message names the problem for the reader.
 */
export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

/** Refuses a tensor holding NaN or ±Infinity, which would poison every forward pass. */
export function checkFinite(name: string, data: ArrayLike<number>): void {
  const i = data instanceof Float32Array ? firstNonFiniteF32(data) : firstNonFinite(data);
  if (i >= 0) {
    throw new ModelFileError(
      `Tensor ${JSON.stringify(name)} holds a non-finite value (${data[i]}) at index ${i}`,
    );
  }
}

function firstNonFinite(data: ArrayLike<number>): number {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return i;
  return -1;
}

/** A float32's exponent: all ones (255) in NaN and ±Infinity, and in no finite value. */
const EXPONENT = 0x7f800000;

/**
 * firstNonFinite for float32, on the bits: one integer test per weight, on one kind of array.
 * Over GPT-2's 124 M weights it takes about two thirds of Number.isFinite's time, which read a
 * loaded model's every weight once more on each load, from the cache too.
 */
function firstNonFiniteF32(data: Float32Array): number {
  const bits = new Int32Array(data.buffer, data.byteOffset, data.length);
  for (let i = 0; i < bits.length; i++) if ((bits[i] & EXPONENT) === EXPONENT) return i;
  return -1;
}
