import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { readSampleSnapshot, readSessionFolder, readSweepArrays } from '../../../src/node/session/session-reader'
import { splitDataset } from '../../../src/node/data/split'
import { Trainer } from '../../../src/engine/train/trainer'
import type { ExperimentConfig } from '../../../src/shared/config/experiment-config'
import type { WorkerEvent } from '../../../src/shared/worker-protocol'
import { syntheticDataset, tempSessionDir, tinyConfig, tinyDeps } from './fixtures'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

async function weightsOf(dir: string): Promise<Float32Array> {
  const bytes = await readFile(join(dir, 'checkpoint', 'weights.bin'))
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
}

describe('Trainer', () => {
  // Soft targets (Dash, UDA), labeled weights (UDA's TSA), the labeled batch read by the rule
  // (AdaMatch), DeFixMatch's labeled strong view and anti term, and the oracle ablations each
  // make tensors in the step: none may outlive it.
  it.each([
    ['dash', {}],
    ['adamatch', {}],
    ['uda', { tsaSchedule: 'linear' }],
    ['defixmatch', { threshold: 0.4 }],
    ['defixmatch', { threshold: 0.4 }, { mode: 'oracle-all', noiseRate: 0 }],
    ['fixmatch', {}, { mode: 'oracle-correct', noiseRate: 0 }],
    ['flexmatch', {}, { mode: 'noise', noiseRate: 0.5 }]
  ] as const)('%s leaves no tensor behind after a whole run %j %j', async (name, algorithm, ablation?) => {
    const base = tinyConfig({ steps: 6, evalInterval: 3, sweepInterval: 6 })
    const config: ExperimentConfig = { ...base, algorithm: { ...base.algorithm, name, ...algorithm }, ...(ablation ? { ablation } : {}) }
    const before = tf.memory().numTensors
    const outcome = await new Trainer({ config, sessionDir: await tempSessionDir(), resume: false, emit: () => undefined, deps: tinyDeps() }).run()
    expect(outcome).toEqual({ status: 'finished', step: 6 })
    expect(tf.memory().numTensors).toBe(before)
  })

  it('runs to the end, writes a session folder and emits the protocol events', async () => {
    const dir = await tempSessionDir()
    const events: WorkerEvent[] = []
    const before = tf.memory().numTensors
    const outcome = await new Trainer({ config: tinyConfig(), sessionDir: dir, resume: false, emit: (e) => events.push(e), deps: tinyDeps() }).run()
    expect(outcome).toEqual({ status: 'finished', step: 12 })
    expect(tf.memory().numTensors).toBe(before)
    const types = new Set(events.map((e) => e.type))
    for (const t of ['started', 'metrics', 'progress', 'eval', 'sweep', 'samples', 'checkpoint', 'done']) expect(types).toContain(t)
    const session = await readSessionFolder(dir)
    expect(session.metrics.map((m) => m.step)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
    expect(session.evals.map((e) => e.step)).toEqual([5, 10, 12])
    expect(session.evals[0].emaTestAcc).not.toBeNull()
    expect(session.sweeps.map((s) => s.step)).toEqual([6, 12])
    expect(session.sweeps[0].samples).toBe(96)
    expect(session.manifest.status).toBe('finished')
    expect(session.manifest.checkpointStep).toBe(12)
    const packageVersion = (JSON.parse(await readFile(join(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string }).version
    expect(session.manifest.versions).toMatchObject({ pseudoscope: packageVersion, tfjs: tf.version.tfjs, node: process.versions.node })
    const m = session.metrics[0]
    expect(m.unlabeledBatch).toBe(8)
    expect(m.lr).toBeCloseTo(0.05, 10)
    expect(session.metrics[11].lr).toBeLessThan(0.05)
    expect(m.classTrue.reduce((a, b) => a + b)).toBe(8)

    // A sweep labels every unlabeled sample; its snapshot carries those labels with the
    // training-stream counters, and its arrays agree with its summary.
    const snapshot = await readSampleSnapshot(dir, 6)
    const arrays = await readSweepArrays(dir, 6, 'ema')
    expect(snapshot.pseudoLabel.length).toBe(96)
    expect(Array.from(snapshot.pseudoLabel)).toEqual(Array.from(arrays.pseudoLabel))
    expect(snapshot.pseudoLabel.every((label) => label >= 0)).toBe(true)
    expect(snapshot.timesSeen.filter((seen) => seen === 0).length).toBe(48)
    const right = snapshot.pseudoLabel.filter((label, i) => label === snapshot.trueLabel[i]).length
    expect(right / 96).toBeCloseTo(session.sweeps[0].plAccAll, 10)
  })

  it.each(['fixmatch', 'flexmatch'] as const)('resumes a stopped %s run to the same weights and metrics as a straight run', async (algorithm) => {
    const config = (): ExperimentConfig => {
      const c = tinyConfig()
      return { ...c, algorithm: { ...c.algorithm, name: algorithm } }
    }
    const straightDir = await tempSessionDir()
    await new Trainer({ config: config(), sessionDir: straightDir, resume: false, emit: () => undefined, deps: tinyDeps() }).run()

    const dir = await tempSessionDir()
    const first: Trainer = new Trainer({
      config: config(),
      sessionDir: dir,
      resume: false,
      eventIntervalMs: 0,
      deps: tinyDeps(),
      emit: (e) => {
        if (e.type === 'metrics' && e.records.some((r) => r.step === 7)) first.stop('user')
      }
    })
    expect(await first.run()).toEqual({ status: 'stopped', step: 7 })
    const events: WorkerEvent[] = []
    const second = new Trainer({ config: config(), sessionDir: dir, resume: true, emit: (e) => events.push(e), deps: tinyDeps() })
    expect(await second.run()).toEqual({ status: 'finished', step: 12 })
    expect(events.find((e) => e.type === 'started')).toMatchObject({ startStep: 7, segment: 1 })

    const a = await readSessionFolder(straightDir)
    const b = await readSessionFolder(dir)
    expect(b.metrics.map((m) => m.step)).toEqual(a.metrics.map((m) => m.step))
    expect(b.metrics.map((m) => m.segment)).toEqual([...Array(7).fill(0), ...Array(5).fill(1)])
    b.metrics.forEach((m, i) => {
      expect(m.loss).toBeCloseTo(a.metrics[i].loss, 5)
      expect(m.plAccAll).toBe(a.metrics[i].plAccAll)
    })
    const wa = await weightsOf(straightDir)
    const wb = await weightsOf(dir)
    expect(wb.length).toBe(wa.length)
    wb.forEach((v, i) => expect(v).toBeCloseTo(wa[i], 5))
    expect(b.manifest.segments.map((s) => s.status)).toEqual(['stopped', 'finished'])
  })

  it('never trains on the unlabeled true labels: permuting them changes diagnostics only', async () => {
    const dataset = syntheticDataset()
    const config = tinyConfig({ steps: 8 })
    const split = splitDataset(dataset.train.labels, 3, config.split)
    const labeled = new Set(split.labeled)
    const permuted = { ...dataset, train: { ...dataset.train, labels: dataset.train.labels.slice() } }
    const hiddenOnly = Array.from({ length: dataset.train.count }, (_, i) => i).filter((i) => !labeled.has(i))
    // Rotate the true labels of the samples that are only unlabeled.
    hiddenOnly.forEach((i, k) => (permuted.train.labels[i] = (dataset.train.labels[i] + 1 + (k % 2)) % 3))
    const run = async (ds: typeof dataset): Promise<string> => {
      const dir = await tempSessionDir()
      await new Trainer({ config, sessionDir: dir, resume: false, emit: () => undefined, deps: { ...tinyDeps(ds), split: () => split } }).run()
      return dir
    }
    const [dirA, dirB] = [await run(dataset), await run(permuted)]
    const a = await readSessionFolder(dirA)
    const b = await readSessionFolder(dirB)
    expect(b.metrics.map((m) => m.loss)).toEqual(a.metrics.map((m) => m.loss))
    expect(b.metrics.map((m) => m.lossU)).toEqual(a.metrics.map((m) => m.lossU))
    expect(Array.from(await weightsOf(dirB))).toEqual(Array.from(await weightsOf(dirA)))
    expect(b.metrics.map((m) => m.plAccAll)).not.toEqual(a.metrics.map((m) => m.plAccAll))
  })

  it('pauses, sweeps on request while paused, resumes and finishes', async () => {
    const dir = await tempSessionDir()
    const events: WorkerEvent[] = []
    const trainer: Trainer = new Trainer({
      config: tinyConfig({ steps: 6, sweepInterval: 0 }),
      sessionDir: dir,
      resume: false,
      eventIntervalMs: 0,
      deps: tinyDeps(),
      emit: (e) => {
        events.push(e)
        if (e.type === 'metrics' && e.records.some((r) => r.step === 2)) trainer.pause()
        if (e.type === 'paused') trainer.sweepNow()
        if (e.type === 'sweep' && e.record.step === 2) trainer.resume()
      }
    })
    expect(await trainer.run()).toEqual({ status: 'finished', step: 6 })
    const seq = events.filter((e) => ['paused', 'sweep', 'resumed', 'done'].includes(e.type)).map((e) => `${e.type}@${'step' in e ? e.step : 'record' in e ? e.record.step : ''}`)
    expect(seq).toEqual(['paused@2', 'sweep@2', 'resumed@2', 'sweep@6', 'done@6'])
  })
})
