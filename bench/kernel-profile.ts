// Per-kernel time of one training step from tf.profile: which kernels a step spends its time
// in, the table that decides which kernels to make faster. Custom-gradient ops (BatchNorm,
// LeakyReLU, checkpointed blocks) show up as the kernels they run, not as themselves: a
// profile entry that is not a registered kernel wraps others and would count them twice.
import * as tf from '@tensorflow/tfjs'

export interface KernelTime {
  kernel: string
  calls: number
  ms: number
  /** Multiply-adds counted as 2 FLOPs; 0 for kernels that are not convolutions or matmuls. */
  flops: number
}

export interface StepProfile {
  wallMs: number
  kernels: KernelTime[]
}

const size = (shape: number[] | undefined): number => (shape ?? []).reduce((a, b) => a * b, 1)

/**
 * FLOPs of a convolution or matmul from its shapes: 2 * output positions * Cout * taps * Cin
 * for a conv2d and both its gradients, 2 * b * m * k * n for a batched matmul.
 */
export function kernelFlops(name: string, inputShapes: (number[] | undefined)[], outputShapes: (number[] | undefined)[]): number {
  const out = outputShapes[0]
  if (name === 'Conv2D' || name === 'FusedConv2D') {
    const filter = inputShapes[1] ?? []
    return 2 * size(out) * size(filter.slice(0, 3))
  }
  if (name === 'Conv2DBackpropInput') {
    const [dy, filter] = [inputShapes[0] ?? [], inputShapes[1] ?? []]
    return 2 * size(dy) * size(filter.slice(0, 3))
  }
  if (name === 'Conv2DBackpropFilter') {
    const dy = inputShapes[1] ?? []
    return 2 * size(dy) * size((out ?? []).slice(0, 3))
  }
  if (name === 'BatchMatMul' || name === '_FusedMatMul') {
    const a = inputShapes[0] ?? []
    const outShape = out ?? []
    const m = outShape.length >= 2 ? size(outShape) : 0
    const k = outShape.length >= 2 ? size(a) / (size(outShape.slice(0, -1)) || 1) : 0
    return 2 * m * k
  }
  return 0
}

/** The convolution and matmul FLOPs of a profiled step. */
export function stepFlops(profile: StepProfile): number {
  return profile.kernels.reduce((sum, k) => sum + k.flops, 0)
}

export async function profileStep(run: () => void): Promise<StepProfile> {
  const backend = tf.getBackend()
  const t0 = performance.now()
  const info = await tf.profile(run)
  const wallMs = performance.now() - t0
  const byName = new Map<string, KernelTime>()
  for (const k of info.kernels) {
    if (tf.getKernel(k.name, backend) === undefined) continue
    const row = byName.get(k.name) ?? { kernel: k.name, calls: 0, ms: 0, flops: 0 }
    row.calls += 1
    row.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0
    row.flops += kernelFlops(k.name, k.inputShapes, k.outputShapes)
    byName.set(k.name, row)
  }
  return { wallMs, kernels: [...byName.values()].sort((a, b) => b.ms - a.ms) }
}

export function printProfile(title: string, profile: StepProfile, top = 14): void {
  const total = profile.kernels.reduce((sum, k) => sum + k.ms, 0)
  console.log(`\nper-kernel profile, ${title}: ${profile.wallMs.toFixed(0)} ms wall (profiled), ${total.toFixed(0)} ms in kernels`)
  console.log(`  ${'kernel'.padEnd(26)}${'calls'.padStart(7)}${'ms'.padStart(9)}${'share'.padStart(8)}${'GFLOP'.padStart(8)}${'GFLOP/s'.padStart(9)}`)
  for (const k of profile.kernels.slice(0, top)) {
    const flops = k.flops > 0 ? `${(k.flops / 1e9).toFixed(2).padStart(8)}${(k.flops / 1e6 / Math.max(k.ms, 1e-9)).toFixed(1).padStart(9)}` : ''
    console.log(`  ${k.kernel.padEnd(26)}${String(k.calls).padStart(7)}${k.ms.toFixed(0).padStart(9)}${`${((100 * k.ms) / Math.max(total, 1e-9)).toFixed(1)}%`.padStart(8)}${flops}`)
  }
  const rest = profile.kernels.slice(top)
  if (rest.length > 0) console.log(`  (${rest.length} more kernels: ${rest.reduce((s, k) => s + k.ms, 0).toFixed(0)} ms)`)
  console.log(`  outside kernels (JS, tape, reads): ${(profile.wallMs - total).toFixed(0)} ms`)
}
