/**
 * The attention of one input, as the model returns it: per layer, heads × seq × seq, row-major.
 * Row i is the query token ("from"), column j the key token ("to"); each row sums to 1.
 */
export interface AttentionStack {
  layers: number;
  heads: number;
  seq: number;
  /** One array per layer, `heads * seq * seq` long: element [h][i][j] at `(h * seq + i) * seq + j`. */
  data: Float32Array[];
}

/** The part of the runtime's `TensorData` this module reads. */
export interface AttentionTensor {
  dims: number[];
  type: string;
  data: ArrayLike<number> | ArrayLike<bigint>;
}

/** Above this, attention tensors are not requested: the learner is asked for a shorter input. */
export const ATTENTION_BYTES_CAP = 64 * 1024 * 1024;

/** Bytes the attention tensors of one input take: layers × heads × seq² × 4 (float32). */
export function attentionBytes(layers: number, heads: number, seq: number): number {
  return layers * heads * seq * seq * 4;
}

/** The longest input whose attention fits in `cap` bytes. */
export function maxSeqWithinCap(layers: number, heads: number, cap = ATTENTION_BYTES_CAP): number {
  return Math.floor(Math.sqrt(cap / (layers * heads * 4)));
}

const LAYER_NAME = /^attentions\.(\d+)$/;

/**
 * Collects `attentions.<layer>` outputs ([1, heads, seq, seq], or [heads, seq, seq] from graphs that fold
 * the batch into the heads) into a stack, in layer order. Other outputs are ignored.
 * @throws RangeError when there are none, or shapes disagree.
 */
export function stackFromOutputs(outputs: Record<string, AttentionTensor>): AttentionStack {
  const layers = Object.keys(outputs)
    .map((name) => ({ name, layer: Number(LAYER_NAME.exec(name)?.[1] ?? NaN) }))
    .filter((x) => Number.isInteger(x.layer))
    .sort((a, b) => a.layer - b.layer);
  if (layers.length === 0) throw new RangeError('the model returned no attentions.* outputs');
  let heads = 0;
  let seq = 0;
  const data = layers.map(({ name, layer }, i) => {
    if (layer !== i) throw new RangeError(`attention outputs skip layer ${i} (found ${name})`);
    const t = outputs[name]!;
    if (t.type !== 'float32') throw new RangeError(`${name} is ${t.type}, expected float32`);
    const dims = t.dims.length === 4 && t.dims[0] === 1 ? t.dims.slice(1) : t.dims;
    if (dims.length !== 3 || dims[1] !== dims[2]) throw new RangeError(`${name} has shape [${t.dims.join(', ')}], expected [1, heads, seq, seq]`);
    if (i === 0) [heads, seq] = [dims[0]!, dims[1]!];
    else if (dims[0] !== heads || dims[1] !== seq) throw new RangeError(`${name} has shape [${t.dims.join(', ')}], unlike layer 0`);
    return Float32Array.from(t.data as ArrayLike<number>);
  });
  return { layers: layers.length, heads, seq, data };
}

/** One head's seq × seq matrix (a view, not a copy). */
export function headMatrix(stack: AttentionStack, layer: number, head: number): Float32Array {
  if (layer < 0 || layer >= stack.layers) throw new RangeError(`layer ${layer} out of range 0…${stack.layers - 1}`);
  if (head < 0 || head >= stack.heads) throw new RangeError(`head ${head} out of range 0…${stack.heads - 1}`);
  const size = stack.seq * stack.seq;
  return stack.data[layer]!.subarray(head * size, (head + 1) * size);
}
