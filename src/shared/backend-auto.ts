// The one rule for what 'auto' trains on; the engine selects with it and the UI names it.
// tfjs-node-gpu only where it really runs on CUDA, WebGPU only on a hardware adapter (a
// software one, lavapipe or SwiftShader, is slower than wasm), then the CPU backends.
import type { BackendProbe } from './backends'

const AUTO_ORDER: readonly ((probe: BackendProbe) => boolean)[] = [
  (p) => p.name === 'tfjs-node-gpu' && p.device === 'cuda',
  (p) => p.name === 'webgpu' && p.adapter !== undefined && !p.adapter.software,
  (p) => p.name === 'tfjs-node',
  (p) => p.name === 'tfjs-node-gpu',
  (p) => p.name === 'wasm',
  (p) => p.name === 'cpu'
]

/** The backend 'auto' picks from a probe, or undefined when nothing can train. */
export function autoBackend(probes: readonly BackendProbe[]): BackendProbe | undefined {
  for (const rule of AUTO_ORDER) {
    const hit = probes.find((p) => p.available && rule(p))
    if (hit !== undefined) return hit
  }
  return undefined
}
