import type { ServedLab } from '../../lib/runtime/capabilities';

/** Hub models known to work with the runtime (transformers.js ONNX exports), by the lab they suit. */
export const CURATED_HUB_MODELS: readonly { id: string; lab: ServedLab }[] = [
  { id: 'Xenova/all-MiniLM-L6-v2', lab: 'vector-search' },
  { id: 'Xenova/bert-base-NER', lab: 'ner' },
  { id: 'Xenova/distilbert-base-uncased', lab: 'attention' },
  { id: 'Xenova/bert-base-uncased', lab: 'attention' },
];
