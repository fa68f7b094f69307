/**
 * The one error a weights file may cause, whichever format it is in (modelFile.ts for ours,
 * gpt2File.ts for Hugging Face's GPT-2): its message names the problem for the reader.
 */
export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

/** Refuses a tensor holding NaN or ±Infinity, which would poison every forward pass. */
export function checkFinite(name: string, data: ArrayLike<number>): void {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new ModelFileError(
        `Tensor ${JSON.stringify(name)} holds a non-finite value (${data[i]}) at index ${i}`,
      );
    }
  }
}
