// Per-kernel time of one training step from tf.profile: which kernels a step spends its time
// in, the table that decides which kernels to make faster. Custom-gradient ops (BatchNorm,
// LeakyReLU, checkpointed blocks) show up as the kernels they run, not as themselves: a
// profile entry that is not a registered kernel wraps others and would count them twice.
import * as tf from '@tensorflow/tfjs'

export interface KernelTime {
  kernel: string
  calls: number
  ms: number
}

export interface StepProfile {
  wallMs: number
  kernels: KernelTime[]
}

export async function profileStep(run: () => void): Promise<StepProfile> {
  const backend = tf.getBackend()
  const t0 = performance.now()
  const info = await tf.profile(run)
  const wallMs = performance.now() - t0
  const byName = new Map<string, KernelTime>()
  for (const k of info.kernels) {
    if (tf.getKernel(k.name, backend) === undefined) continue
    const row = byName.get(k.name) ?? { kernel: k.name, calls: 0, ms: 0 }
    row.calls += 1
    row.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0
    byName.set(k.name, row)
  }
  return { wallMs, kernels: [...byName.values()].sort((a, b) => b.ms - a.ms) }
}

export function printProfile(title: string, profile: StepProfile, top = 14): void {
  const total = profile.kernels.reduce((sum, k) => sum + k.ms, 0)
  console.log(`\nper-kernel profile, ${title}: ${profile.wallMs.toFixed(0)} ms wall (profiled), ${total.toFixed(0)} ms in kernels`)
  console.log(`  ${'kernel'.padEnd(26)}${'calls'.padStart(7)}${'ms'.padStart(9)}${'share'.padStart(8)}`)
  for (const k of profile.kernels.slice(0, top)) {
    console.log(`  ${k.kernel.padEnd(26)}${String(k.calls).padStart(7)}${k.ms.toFixed(0).padStart(9)}${`${((100 * k.ms) / Math.max(total, 1e-9)).toFixed(1)}%`.padStart(8)}`)
  }
  const rest = profile.kernels.slice(top)
  if (rest.length > 0) console.log(`  (${rest.length} more kernels: ${rest.reduce((s, k) => s + k.ms, 0).toFixed(0)} ms)`)
  console.log(`  outside kernels (JS, tape, reads): ${(profile.wallMs - total).toFixed(0)} ms`)
}
