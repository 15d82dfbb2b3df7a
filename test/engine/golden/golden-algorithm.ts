// The engine's strategy for a golden fixture's algorithm, and the state it must hold after each
// step (tools/torch-twin/golden_algorithms.py stores USB's hook state under stepN/state/<key>).
import { AdaMatchStrategy } from '../../../src/shared/algorithms/adamatch'
import { DeFixMatchStrategy } from '../../../src/shared/algorithms/defixmatch'
import { DashStrategy } from '../../../src/shared/algorithms/dash'
import { FixMatchStrategy } from '../../../src/shared/algorithms/fixmatch'
import { FlexMatchStrategy } from '../../../src/shared/algorithms/flexmatch'
import { FreeMatchStrategy } from '../../../src/shared/algorithms/freematch'
import { MeanTeacherStrategy } from '../../../src/shared/algorithms/meanteacher'
import { PiModelStrategy } from '../../../src/shared/algorithms/pimodel'
import type { MaskStrategy } from '../../../src/shared/algorithms/mask-strategy'
import { createStrategy } from '../../../src/shared/algorithms/registry'
import { presetConfig } from '../../../src/shared/config/presets'
import { PseudoLabelStrategy } from '../../../src/shared/algorithms/pseudolabel'
import { SoftMatchStrategy } from '../../../src/shared/algorithms/softmatch'
import { UdaStrategy } from '../../../src/shared/algorithms/uda'
import type { AlgorithmName } from '../../../src/shared/config/experiment-config'
import type { GoldenFixture, GoldenMeta } from './golden-fixture'

type NumberKey = 'unlabeledSet' | 'emaP' | 'fairnessWeight' | 'nSigma' | 'unsupWarmup' | 'sharpenTemperature' | 'gamma' | 'rhoC' | 'rhoMin' | 'rhoInterval' | 'udaTemperature'

function need(meta: GoldenMeta, key: NumberKey): number {
  const value = meta[key]
  if (typeof value !== 'number') throw new Error(`golden fixture ${meta.arch}-${meta.algorithm} has no ${key}`)
  return value
}

/**
 * An algorithm without a case below, built as a run builds it (the registry's createStrategy): the
 * fixture's meta holds its settings under the config's names (USB's ema_p as emaP), over Quick MNIST's.
 */
function registryStrategy(meta: GoldenMeta & { algorithm: AlgorithmName }): MaskStrategy {
  const base = presetConfig('quick-mnist').algorithm
  const stored = meta as unknown as Record<string, unknown>
  const settings = Object.fromEntries(Object.keys(base).filter((key) => typeof stored[key] === 'number').map((key) => [key, stored[key]]))
  const algorithm = { ...base, ...settings, name: meta.algorithm, emaMomentum: meta.emaP ?? base.emaMomentum }
  return createStrategy(algorithm, { numClasses: meta.numClasses, numUnlabeled: meta.unlabeledSet ?? 0, totalSteps: meta.totalSteps })
}

export function goldenStrategy(meta: GoldenMeta): MaskStrategy {
  switch (meta.algorithm) {
    case undefined:
      return new FixMatchStrategy(meta.threshold)
    case 'flexmatch':
      return new FlexMatchStrategy(meta.threshold, meta.numClasses, need(meta, 'unlabeledSet'))
    case 'freematch':
      return new FreeMatchStrategy(meta.numClasses, need(meta, 'emaP'), need(meta, 'fairnessWeight'))
    case 'softmatch':
      return new SoftMatchStrategy(meta.numClasses, need(meta, 'emaP'), need(meta, 'nSigma'), true)
    case 'pseudolabel':
      return new PseudoLabelStrategy(meta.threshold, need(meta, 'unsupWarmup'), meta.totalSteps)
    case 'dash':
      return new DashStrategy({
        temperature: need(meta, 'sharpenTemperature'),
        gamma: need(meta, 'gamma'),
        c: need(meta, 'rhoC'),
        rhoMin: need(meta, 'rhoMin'),
        warmupSteps: 0,
        rhoInterval: need(meta, 'rhoInterval')
      })
    case 'adamatch':
      return new AdaMatchStrategy(meta.numClasses, meta.threshold, need(meta, 'emaP'))
    case 'defixmatch':
      return new DeFixMatchStrategy(meta.threshold)
    case 'pimodel':
      return new PiModelStrategy(need(meta, 'unsupWarmup'), meta.totalSteps)
    case 'meanteacher':
      return new MeanTeacherStrategy(need(meta, 'unsupWarmup'), meta.totalSteps)
    case 'uda':
      return new UdaStrategy({
        temperature: need(meta, 'udaTemperature'),
        cutoff: meta.threshold,
        tsaSchedule: meta.tsaSchedule ?? 'none',
        numClasses: meta.numClasses,
        totalSteps: meta.totalSteps
      })
    default:
      return registryStrategy({ ...meta, algorithm: meta.algorithm })
  }
}

/** Where the engine's state (getState) differs: float keys by the fixture's tolerance, selections exactly. */
export function stateFailures(fixture: GoldenFixture, step: number, strategy: MaskStrategy, note: (key: string, actual: Float32Array) => void): string[] {
  const state = strategy.getState()
  const prefix = `step${step}/state/`
  const failures: string[] = []
  const keys = Object.keys(fixture.meta.blobs).filter((k) => k.startsWith(prefix))
  for (const key of keys) {
    const name = key.slice(prefix.length)
    const value = state[name]
    const values = Array.isArray(value) ? value : [value]
    if (!values.every((v) => typeof v === 'number')) {
      failures.push(`${key}: the engine's state has no ${name}`)
    } else if (name === 'selected') {
      if (values.join() !== Array.from(fixture.i32(key)).join()) failures.push(`${key}: ${values.join()} != ${Array.from(fixture.i32(key)).join()}`)
    } else {
      note(key, Float32Array.from(values as number[]))
    }
  }
  return failures
}
