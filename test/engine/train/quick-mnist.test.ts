// The one learning check: a shortened Quick MNIST run on the real digits, small CNN, wasm.
// About a minute or two on 2 cores; it must end far above chance (10%).
import { describe, expect, it } from 'vitest'
import { readSessionFolder } from '../../../src/node/session/session-reader'
import { Trainer } from '../../../src/engine/train/trainer'
import { presetConfig } from '../../../src/shared/config/presets'
import { tempSessionDir } from './fixtures'

describe('Quick MNIST learns', () => {
  it('reaches test accuracy well above chance in a short FixMatch run', async () => {
    const preset = presetConfig('quick-mnist')
    const steps = 150
    const config = {
      ...preset,
      batch: { labeled: 16, mu: 2 },
      steps,
      evalInterval: steps,
      sweepInterval: 0,
      checkpointInterval: 0,
      backend: 'wasm' as const
    }
    const dir = await tempSessionDir()
    const outcome = await new Trainer({ config, sessionDir: dir, resume: false, emit: () => undefined }).run()
    expect(outcome.status).toBe('finished')
    const session = await readSessionFolder(dir)
    const last = session.evals[session.evals.length - 1]
    // Chance is 10%. The raw model is noisier at the end of a short run than its EMA.
    expect(Math.max(last.testAcc, last.emaTestAcc as number)).toBeGreaterThan(0.5)
    expect(Math.min(last.testAcc, last.emaTestAcc as number)).toBeGreaterThan(0.25)
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
    const early = mean(session.metrics.slice(0, 20).map((m) => m.plAccAll))
    const late = mean(session.metrics.slice(-20).map((m) => m.plAccAll))
    expect(late).toBeGreaterThan(early + 0.2)
    // Confident pseudo-labels are more often right than pseudo-labels overall.
    const masked = session.metrics.slice(-50).filter((m) => m.maskedCount > 0)
    expect(masked.length).toBeGreaterThan(0)
    expect(mean(masked.map((m) => m.plAccMasked as number))).toBeGreaterThan(late)
    expect(session.sweeps).toHaveLength(1)
  }, 300_000)
})
