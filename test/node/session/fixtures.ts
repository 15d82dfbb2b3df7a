// Shared helpers for the session tests: real configs and records, temp folders.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { presetConfig } from '../../../src/shared/config/presets'
import type { EvalRecord, SampleState, StepMetrics } from '../../../src/shared/metrics'
import { SampleTracker } from '../../../src/engine/diagnostics/sample-tracker'

export const config = presetConfig('quick-mnist')

export function tempRoot(prefix: string): { root: string; dir: (name: string) => string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), prefix))
  return { root, dir: (name) => join(root, name), cleanup: () => rmSync(root, { recursive: true, force: true }) }
}

export function stepRecord(step: number, segment = 0): StepMetrics {
  return {
    step, time: 1_700_000_000_000 + step * 10, segment, lr: 0.03, lossX: 2 / (step + 1), lossU: 0.1, loss: 2 / (step + 1) + 0.1,
    plAccAll: 0.4, maskRate: 0.25, plAccMasked: step % 2 === 0 ? 0.9 : null, confidentWrong: 3, maskedCount: 112,
    unlabeledBatch: 448, meanConfidence: 0.7, stepMs: 20, classPseudo: [1, 2], classTrue: [2, 1], classCorrect: [1, 1]
  }
}

export function evalRecord(step: number): EvalRecord {
  return { step, time: step, testAcc: 0.5, testLoss: 1.5, emaTestAcc: null, emaTestLoss: null, testSamples: 1000 }
}

export function sampleState(step: number, n = 5): SampleState {
  const tracker = new SampleTracker(Int32Array.from({ length: n }, (_, i) => 100 + i), Int16Array.from({ length: n }, (_, i) => i % 3))
  tracker.update(Int32Array.from([0, 1]), Int32Array.from([0, 2]), Float32Array.from([0.99, 0.5]), Uint8Array.from([1, 0]), step)
  return tracker.snapshot(step)
}

/** Every file under dir with its bytes, to prove a read changed nothing. */
export function folderBytes(dir: string): Map<string, string> {
  const out = new Map<string, string>()
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else out.set(relative(dir, p), readFileSync(p).toString('base64'))
    }
  }
  walk(dir)
  return out
}
