/**
 * The real models a reader can download, and where from. Sizes are stated before anything is
 * fetched (the reader decides on them); the download itself checks the file's real length.
 *
 * The files come from Hugging Face's public URLs unless the page names a mirror: a site that
 * serves the files itself puts `<meta name="rse-model-base" content="https://…/">` in
 * index.html and keeps Hugging Face's paths under it (docs/MODEL.md, "The real model").
 */
/** Sizes in the units the engine's messages use (498 MB), for the views. */
export { formatBytes } from '../worker/protocol';

export const REAL_MODEL_IDS = ['gpt2', 'distilgpt2'] as const;
export type RealModelId = (typeof REAL_MODEL_IDS)[number];

export interface RealModel {
  /** What the page and its messages call it. */
  label: string;
  /** The file's size as published (F32 safetensors), for the reader to decide on. */
  bytes: number;
  /** Its folder under the base URL, as Hugging Face lays it out. */
  folder: string;
}

export const REAL_MODELS: Record<RealModelId, RealModel> = {
  gpt2: {
    label: 'GPT-2 small',
    bytes: 548e6,
    folder: 'openai-community/gpt2/resolve/main/',
  },
  distilgpt2: {
    label: 'distilgpt2',
    bytes: 353e6,
    folder: 'distilbert/distilgpt2/resolve/main/',
  },
};

export const DEFAULT_MODEL_BASE = 'https://huggingface.co/';
export const MODEL_BASE_META = 'rse-model-base';

/**
 * The addresses of a model's weights and of its config.json beside them: under the page's
 * mirror if it names one (relative to the page), else Hugging Face.
 */
export function realModelUrls(
  id: RealModelId,
  doc: Document = document,
): { weights: string; config: string } {
  const meta = doc.querySelector<HTMLMetaElement>(`meta[name="${MODEL_BASE_META}"]`);
  const base = new URL(meta?.content.trim() || DEFAULT_MODEL_BASE, doc.baseURI);
  const folder = new URL(REAL_MODELS[id].folder, base);
  return {
    weights: new URL('model.safetensors', folder).href,
    config: new URL('config.json', folder).href,
  };
}
