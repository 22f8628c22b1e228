/**
 * Index arithmetic for dense row-major (C-order) tensors, the layout that ONNX Runtime,
 * transformers.js, NumPy and PyTorch use by default: the last axis varies fastest, and the whole
 * tensor is one flat buffer (a `Float32Array` in the browser).
 *
 * @example
 * rowMajorStrides([1, 12, 16, 16])          // [3072, 256, 16, 1]
 * flatIndex([1, 12, 16, 16], [0, 3, 5, 2])  // 850
 * unflatIndex([1, 12, 16, 16], 850)         // [0, 3, 5, 2]
 */

function checkShape(shape: readonly number[]): void {
  if (shape.length === 0) throw new RangeError('invalid shape: [] (expected at least one axis)');
  for (const size of shape) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`invalid shape: [${shape.join(', ')}] (sizes must be positive integers)`);
    }
  }
}

/** Number of elements in a tensor of this shape (the product of its sizes). */
export function elementCount(shape: readonly number[]): number {
  checkShape(shape);
  return shape.reduce((n, size) => n * size, 1);
}

/** For each axis, how many flat positions one step along that axis moves. */
export function rowMajorStrides(shape: readonly number[]): number[] {
  checkShape(shape);
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = step;
    step *= shape[axis] as number;
  }
  return strides;
}

/** Position in the flat buffer of the element at `index` (one coordinate per axis). */
export function flatIndex(shape: readonly number[], index: readonly number[]): number {
  const strides = rowMajorStrides(shape);
  if (index.length !== shape.length) {
    throw new RangeError(`invalid index: ${index.length} coordinates for ${shape.length} axes`);
  }
  return index.reduce((flat, i, axis) => {
    const size = shape[axis] as number;
    if (!Number.isInteger(i) || i < 0 || i >= size) {
      throw new RangeError(`invalid index: ${i} on axis ${axis} of size ${size}`);
    }
    return flat + i * (strides[axis] as number);
  }, 0);
}

/** Inverse of `flatIndex`: the coordinates of flat position `flat`. */
export function unflatIndex(shape: readonly number[], flat: number): number[] {
  const total = elementCount(shape);
  if (!Number.isInteger(flat) || flat < 0 || flat >= total) {
    throw new RangeError(`invalid flat index: ${flat} (tensor has ${total} elements)`);
  }
  return rowMajorStrides(shape).map((stride, axis) => Math.floor(flat / stride) % (shape[axis] as number));
}
