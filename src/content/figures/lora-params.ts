/**
 * Parameter arithmetic for LoRA (Hu et al., 2021).
 *
 * A frozen weight matrix W has shape d_out × d_in. LoRA learns the update ΔW = B·A with
 * B: d_out × r and A: r × d_in, so it trains r·(d_in + d_out) numbers instead of d_out·d_in.
 *
 * @example
 * loraParamCount(256, 256, 8) // { full: 65536, lora: 4096, fraction: 0.0625 }
 */
export interface LoraParamCount {
  /** Entries of the full matrix W (what full fine-tuning would train). */
  full: number;
  /** Entries of B plus entries of A (what LoRA trains). */
  lora: number;
  /** lora / full. */
  fraction: number;
}

function checkDimension(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`invalid ${name}: ${value} (expected a positive integer)`);
  }
}

export function loraParamCount(dOut: number, dIn: number, rank: number): LoraParamCount {
  checkDimension('dOut', dOut);
  checkDimension('dIn', dIn);
  checkDimension('rank', rank);
  if (rank > Math.min(dOut, dIn)) {
    throw new RangeError(`invalid rank: ${rank} (at most min(dOut, dIn) = ${Math.min(dOut, dIn)})`);
  }
  const full = dOut * dIn;
  const lora = rank * (dIn + dOut);
  return { full, lora, fraction: lora / full };
}

/** Bytes to store `params` numbers at `bits` bits each (e.g. 16 for fp16, 4 for NF4). */
export function weightBytes(params: number, bits: number): number {
  if (!Number.isFinite(params) || params < 0) throw new RangeError(`invalid params: ${params}`);
  if (!Number.isInteger(bits) || bits < 1) throw new RangeError(`invalid bits: ${bits}`);
  return (params * bits) / 8;
}
