// The engine's strategy for a golden fixture's algorithm, and the state it must hold after each
// step (tools/torch-twin/golden_algorithms.py stores USB's hook state under stepN/state/<key>).
import { DashStrategy } from '../../../src/shared/algorithms/dash'
import type { MaskStrategy } from '../../../src/shared/algorithms/mask-strategy'
import { configThreshold, createStrategy, definitionOf } from '../../../src/shared/algorithms/registry'
import { presetConfig } from '../../../src/shared/config/presets'
import type { AlgorithmName } from '../../../src/shared/config/experiment-config'
import type { GoldenFixture, GoldenMeta } from './golden-fixture'

type NumberKey = 'emaP' | 'unsupWarmup' | 'sharpenTemperature' | 'gamma' | 'rhoC' | 'rhoMin' | 'rhoInterval'

function need(meta: GoldenMeta, key: NumberKey): number {
  const value = meta[key]
  if (typeof value !== 'number') throw new Error(`golden fixture ${meta.arch}-${meta.algorithm} has no ${key}`)
  return value
}

/**
 * The strategy a run of the fixture's algorithm gets (the registry's createStrategy, as run-setup
 * builds it): the fixture's meta holds the settings under the config's names (USB's ema_p as
 * emaP), over Quick MNIST's; its threshold is the rule's starting one (UDA's p_cutoff).
 */
function registryStrategy(meta: GoldenMeta): MaskStrategy {
  const name: AlgorithmName = meta.algorithm ?? 'fixmatch'
  const definition = definitionOf(name)
  const base = presetConfig('quick-mnist').algorithm
  const stored = meta as unknown as Record<string, unknown>
  const settings = Object.fromEntries(Object.keys(base).filter((key) => typeof stored[key] === 'number').map((key) => [key, stored[key]]))
  const reads = definition.reads as readonly string[]
  if (reads.includes('unsupWarmup')) need(meta, 'unsupWarmup')
  const algorithm = {
    ...base,
    ...settings,
    name,
    emaMomentum: reads.includes('emaMomentum') ? need(meta, 'emaP') : (meta.emaP ?? base.emaMomentum),
    ...(name === 'uda' ? { udaCutoff: meta.threshold, tsaSchedule: meta.tsaSchedule ?? 'none' } : {})
  }
  if (configThreshold(algorithm) !== meta.threshold) throw new Error(`golden fixture ${meta.arch}-${name}: its threshold is not the rule's`)
  return createStrategy(algorithm, { numClasses: meta.numClasses, numUnlabeled: meta.unlabeledSet ?? 0, totalSteps: meta.totalSteps })
}

export function goldenStrategy(meta: GoldenMeta): MaskStrategy {
  // Dash's fixture trains with no warm-up and its own rho interval; a run derives both from its length.
  if (meta.algorithm === 'dash') {
    return new DashStrategy({
      temperature: need(meta, 'sharpenTemperature'),
      gamma: need(meta, 'gamma'),
      c: need(meta, 'rhoC'),
      rhoMin: need(meta, 'rhoMin'),
      warmupSteps: 0,
      rhoInterval: need(meta, 'rhoInterval')
    })
  }
  return registryStrategy(meta)
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
