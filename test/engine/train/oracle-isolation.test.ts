// Training never reads the unlabeled set's true labels, except in an oracle ablation run.
// Behavioural: the same run with the hidden labels of the unlabeled-only images permuted
// trains bit-identically (losses, rule use, weights, test accuracy) while its diagnostics
// change; an ablation run trains differently under the same permutation. Also: the
// ablation records what it changed, and its diagnostics still describe the rule's own labels.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { Trainer } from '../../../src/engine/train/trainer'
import { splitDataset } from '../../../src/node/data/split'
import type { ImageDataset } from '../../../src/node/data/types'
import { readSessionFolder } from '../../../src/node/session/session-reader'
import { withAblation } from '../../../src/shared/config/ablation'
import type { AblationMode } from '../../../src/shared/config/ablation'
import type { AlgorithmName } from '../../../src/shared/config/experiment-config'
import { Rng } from '../../../src/shared/rng'
import { syntheticDataset, tempSessionDir, tinyConfig, tinyDeps } from './fixtures'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

const base = syntheticDataset()
const config0 = tinyConfig({ steps: 8, evalInterval: 4, sweepInterval: 0, algorithm: { ...tinyConfig().algorithm, threshold: 0.4 } })
const split = splitDataset(base.train.labels, 3, { ...config0.split })

/** The dataset with the labels of the images that are unlabeled only (not in the labeled set) shuffled. */
function permuted(): ImageDataset {
  const labeled = new Set(split.labeled)
  const hidden = Array.from(split.unlabeled).filter((i) => !labeled.has(i))
  const labels = Uint8Array.from(base.train.labels)
  const shuffled = new Rng(9).shuffle(hidden.map((i) => labels[i]))
  hidden.forEach((i, k) => (labels[i] = shuffled[k]))
  return { ...base, train: { ...base.train, labels } }
}

async function train(dataset: ImageDataset, algorithm: AlgorithmName, mode: AblationMode) {
  const dir = await tempSessionDir()
  const config = withAblation(tinyConfig({ ...config0, algorithm: { ...config0.algorithm, name: algorithm } }), mode)
  // The split is the one drawn from the true labels, whatever labels the run is handed.
  const deps = { ...tinyDeps(dataset), split: () => split }
  await new Trainer({ config, sessionDir: dir, resume: false, emit: () => undefined, deps }).run()
  const session = await readSessionFolder(dir)
  const weights = await readFile(join(dir, 'checkpoint', 'weights.bin'))
  return { session, weights }
}

const training = (m: { lossX: number; lossU: number; loss: number; maskRate: number; maskedCount: number }) => [m.lossX, m.lossU, m.loss, m.maskRate, m.maskedCount]

describe('oracle isolation', () => {
  it('the permutation moves hidden labels only', () => {
    const p = permuted()
    const changed = Array.from(base.train.labels).filter((y, i) => y !== p.train.labels[i]).length
    expect(changed).toBeGreaterThan(20)
    for (const i of split.labeled) expect(p.train.labels[i]).toBe(base.train.labels[i])
  })

  it.each(['fixmatch', 'flexmatch', 'softmatch'] as const)('%s with ablation none trains bit-identically whatever the hidden labels', async (algorithm) => {
    const a = await train(base, algorithm, 'none')
    const b = await train(permuted(), algorithm, 'none')
    expect(b.session.metrics.map(training)).toEqual(a.session.metrics.map(training))
    expect(b.session.evals.map((e) => [e.testAcc, e.emaTestAcc])).toEqual(a.session.evals.map((e) => [e.testAcc, e.emaTestAcc]))
    expect(Buffer.compare(a.weights, b.weights)).toBe(0)
    // The diagnostics do read the hidden labels.
    expect(b.session.metrics.map((m) => m.plAccAll)).not.toEqual(a.session.metrics.map((m) => m.plAccAll))
    expect(a.session.metrics.every((m) => m.ablationChanged === undefined)).toBe(true)
    expect(a.session.manifest.config.ablation).toEqual({ mode: 'none', noiseRate: 0 })
  })

  it('an oracle ablation run does read them: the same permutation changes its training', async () => {
    const a = await train(base, 'fixmatch', 'oracle-correct')
    const b = await train(permuted(), 'fixmatch', 'oracle-correct')
    expect(b.session.metrics.map(training)).not.toEqual(a.session.metrics.map(training))
    expect(Buffer.compare(a.weights, b.weights)).not.toBe(0)
    expect(a.session.manifest.config.ablation).toEqual({ mode: 'oracle-correct', noiseRate: 0 })
    expect(a.session.manifest.config.name).toMatch(/oracle/)
  })

  it('oracle-mask keeps the diagnostics of the rule\'s own labels and records what it dropped', async () => {
    const none = await train(base, 'fixmatch', 'none')
    const mask = await train(base, 'fixmatch', 'oracle-mask')
    // Step 1 starts from the same weights and batch: same own pseudo-labels, so same diagnostics.
    const [n1, m1] = [none.session.metrics[0], mask.session.metrics[0]]
    expect([m1.plAccAll, m1.maskRate, m1.confidentWrong, m1.maskedCount]).toEqual([n1.plAccAll, n1.maskRate, n1.confidentWrong, n1.maskedCount])
    // What it dropped is what the diagnostic counts as confident-wrong (hard threshold: a count).
    expect(mask.session.metrics.map((m) => m.ablationChanged)).toEqual(mask.session.metrics.map((m) => m.confidentWrong))
    expect(mask.session.metrics.some((m) => (m.ablationChanged ?? 0) > 0)).toBe(true)
    expect(m1.lossU).not.toBe(n1.lossU)
  })
})
