// The live PyTorch reference for the step bench: bench/torch_step_ref.py (the project's small
// CNN and WRN-28-2 in PyTorch, the same FixMatch-shaped step) run in a child process, on this
// machine and in the same bench run, so a ratio compares like with like.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { median } from './stats'
import { findTorch } from './torch-reference'

const SCRIPT = join(import.meta.dirname, 'torch_step_ref.py')

export type TorchModel = 'proj' | 'wrn'

export interface TorchStep {
  ms: number
  /** The script's own line: torch version, model, batch, threads. */
  line: string
}

/** Found once: a python3 that imports torch, or null (the bench then says it is absent). */
let python: string | null | undefined

export function torchPython(): string | null {
  if (python === undefined) python = findTorch()
  return python
}

/** Median ms per step of `steps` steps after one warm-up, or an error line. */
export function torchStepMs(model: TorchModel, b: number, mu: number, steps: number, threads: number): TorchStep | string {
  const exe = torchPython()
  if (exe === null) return 'no python3 with torch (apt-get install python3-torch, or set TORCH_PYTHON)'
  const run = spawnSync(exe, [SCRIPT, model, String(b), String(mu), String(steps), String(threads)], { encoding: 'utf8' })
  const line = run.stdout.trim().split('\n').pop() ?? ''
  const ms = /: (\d+(?:\.\d+)?) ms\/step/.exec(line)
  if (run.status !== 0 || ms === null) return `torch_step_ref.py failed: ${(run.stderr || line).trim().split('\n').pop() ?? ''}`
  return { ms: Number(ms[1]), line }
}

/**
 * The instruction set oneDNN (PyTorch's convolutions on the CPU) picked on this machine, from
 * its own verbose line, e.g. "Intel AVX-512 with Intel DL Boost ...", or null if it says none.
 */
export function torchConvIsa(): string | null {
  const exe = torchPython()
  if (exe === null) return null
  // Big enough for PyTorch to hand it to oneDNN (it computes small convolutions itself).
  const probe = 'import torch; torch.nn.functional.conv2d(torch.ones(4, 32, 32, 32), torch.ones(32, 32, 3, 3), padding=1)'
  const run = spawnSync(exe, ['-c', probe], { encoding: 'utf8', env: { ...process.env, DNNL_VERBOSE: '1', ONEDNN_VERBOSE: '1' } })
  const isa = /_verbose,info,cpu,isa:(.+)/.exec(run.stdout)
  return isa === null ? null : isa[1].trim()
}

/** torch_step_ref.py's arguments for a bench case (B is the labeled batch, mu 7), or null. */
export function torchCase(name: string): { model: TorchModel; b: number; steps: number } | null {
  switch (name) {
    case 'small-cnn full':
      return { model: 'proj', b: 64, steps: 3 }
    case 'wrn-28-2 sixteenth':
      return { model: 'wrn', b: 4, steps: 3 }
    case 'wrn-28-2 full':
      // 15 to 35 s a step on 2 cores: one timed step after the warm-up.
      return { model: 'wrn', b: 64, steps: 1 }
    default:
      return null
  }
}

/**
 * Each case's PyTorch step at a thread count: measured when first asked, right after the bench
 * has timed it (no contention), and again at each `measure` (the bench's interleaved rounds);
 * `get` gives the median of what was measured.
 */
export class TorchReferences {
  private readonly measured = new Map<string, (TorchStep | string)[]>()

  /** One more measurement of the case; null for a case PyTorch has no twin of. */
  measure(name: string, threads: number): TorchStep | string | null {
    const c = torchCase(name)
    if (c === null) return null
    const ref = torchStepMs(c.model, c.b, 7, c.steps, threads)
    const key = `${name}/${threads}`
    this.measured.set(key, [...(this.measured.get(key) ?? []), ref])
    console.log(`  PyTorch ${name}, ${threads} thread(s): ${typeof ref === 'string' ? ref : ref.line}`)
    return ref
  }

  get(name: string, threads: number): TorchStep | string | null {
    const samples = this.measured.get(`${name}/${threads}`)
    if (samples === undefined) return this.measure(name, threads)
    const failed = samples.find((s): s is string => typeof s === 'string')
    if (failed !== undefined) return failed
    const steps = samples as TorchStep[]
    const middle = median(steps.map((s) => s.ms))
    return steps.find((s) => s.ms === middle) ?? steps[0]
  }
}
