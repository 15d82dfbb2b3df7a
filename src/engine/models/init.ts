// Initial values drawn with the project's Rng into Float32Arrays, so the same seed gives
// bit-identical weights on every backend (tfjs initializers draw from backend-specific RNGs).
import type { Rng } from '../../shared/rng'

function normal(rng: Rng, size: number, std: number): Float32Array {
  const out = new Float32Array(size)
  for (let i = 0; i < size; i++) out[i] = rng.normal() * std
  return out
}

/** PyTorch kaiming_normal_(mode='fan_out', nonlinearity='leaky_relu', a=0): std = sqrt(2 / (k*k*C_out)). */
export function heNormalFanOut(rng: Rng, shape: [number, number, number, number]): Float32Array {
  const [kh, kw, , outC] = shape
  return normal(rng, kh * kw * shape[2] * outC, Math.sqrt(2 / (kh * kw * outC)))
}

/** PyTorch xavier_normal_ (untruncated): std = sqrt(2 / (fan_in + fan_out)). */
export function glorotNormal(rng: Rng, shape: [number, number]): Float32Array {
  const [fanIn, fanOut] = shape
  return normal(rng, fanIn * fanOut, Math.sqrt(2 / (fanIn + fanOut)))
}

export function filled(size: number, value: number): Float32Array {
  return new Float32Array(size).fill(value)
}
