// Batches stay uint8 until the last moment: (v / 255 - mean[c]) / std[c], HWC order.
export function normalizeInto(
  images: Uint8Array,
  mean: number[],
  std: number[],
  channels: number,
  out?: Float32Array
): Float32Array {
  if (mean.length !== channels || std.length !== channels) {
    throw new RangeError(`normalization needs ${channels} means and stds, got ${mean.length} and ${std.length}`)
  }
  if (images.length % channels !== 0) throw new RangeError(`${images.length} values are not whole ${channels}-channel pixels`)
  const target = out ?? new Float32Array(images.length)
  if (target.length < images.length) throw new RangeError(`output holds ${target.length} values, need ${images.length}`)
  // One lookup table per channel: 256 entries instead of a divide per value.
  const luts = mean.map((m, c) => Float32Array.from({ length: 256 }, (_, v) => (v / 255 - m) / std[c]))
  if (channels === 1) {
    const lut = luts[0]
    for (let i = 0; i < images.length; i++) target[i] = lut[images[i]]
  } else {
    for (let i = 0; i < images.length; i += channels) {
      for (let c = 0; c < channels; c++) target[i + c] = luts[c][images[i + c]]
    }
  }
  return target
}
