import type { Model } from './model';
import type { TensorSink } from './safetensorsStream';

/**
 * A model being built from a file whose header has been checked (gpt2File.ts, modelFile.ts):
 * its arrays are allocated, and the file's tensors go into them as they arrive (a TensorSink,
 * which checks each one as it is filled).
 */
export interface ModelPlan extends TensorSink {
  model: Model;
  /** Every tensor is filled: the checks that need several (GPT-2's tied unembedding). */
  finish(): void;
  /** The file was refused or cut off: gives back what the model took (the kernels' memory). */
  abandon(): void;
}
