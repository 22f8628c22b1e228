/** Hub models known to export as plain BERT-style encoders (attention is exposed by graph surgery). */
export const HUB_SUGGESTIONS = ['hub:Xenova/bert-base-uncased', 'hub:Xenova/distilbert-base-uncased', 'hub:Xenova/all-MiniLM-L6-v2'];

/**
 * Model references (`shipped:<id>`) of the shipped models that have an ONNX feature graph, from
 * `/models/manifest.json` ({ models: [{ id, files: [{ path }] }] }). Anything malformed is skipped.
 */
export function shippedModelRefs(manifest: unknown): string[] {
  const models = (manifest as { models?: unknown })?.models;
  if (!Array.isArray(models)) return [];
  return models.flatMap((m: { id?: unknown; files?: unknown }) => {
    if (typeof m?.id !== 'string' || !Array.isArray(m.files)) return [];
    const paths = m.files.map((f: { path?: unknown }) => f?.path);
    return paths.some((p) => p === 'onnx/model.onnx' || p === 'onnx/model_quantized.onnx') ? [`shipped:${m.id}`] : [];
  });
}
