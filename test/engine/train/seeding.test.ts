// Seeding version 2: split, init and batch feed draw from one seed with a salt each. Sessions
// whose checkpoints predate the version (no `seeding` in state.json) resume with the old rule,
// where all three used the seed as is.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { splitDataset } from '../../../src/node/data/split'
import { readSessionFolder } from '../../../src/node/session/session-reader'
import { Trainer } from '../../../src/engine/train/trainer'
import { Rng, SEED_PURPOSES, seedFor, type SeedingVersion } from '../../../src/shared/rng'
import { runStoppedAt, syntheticDataset, tempSessionDir, tinyConfig, tinyDeps } from './fixtures'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

const head = (rng: Rng): number[] => Array.from({ length: 8 }, () => rng.nextU32())

describe('seeding', () => {
  it('gives split, init and batch feed different streams from one seed (version 1 gave one stream)', () => {
    for (const seed of [0, 1, 5]) {
      const streams = SEED_PURPOSES.map((p) => head(Rng.forPurpose(seed, p)).join(','))
      expect(new Set(streams).size).toBe(SEED_PURPOSES.length)
      expect(streams).not.toContain(head(new Rng(seed)).join(','))
      const old = SEED_PURPOSES.map((p) => head(Rng.forPurpose(seed, p, 1)).join(','))
      expect(new Set(old)).toEqual(new Set([head(new Rng(seed)).join(',')]))
    }
    // Neighbouring seeds stay apart after salting.
    expect(seedFor(1, 'split')).not.toBe(seedFor(2, 'split'))
  })

  it('splits by the salted rule unless a session asks for version 1', () => {
    const labels = syntheticDataset().train.labels
    const opts = { labelsPerClass: 4, seed: 1, excludeLabeledFromUnlabeled: false }
    const v1 = splitDataset(labels, 3, { ...opts, seeding: 1 }).labeled
    const v2 = splitDataset(labels, 3, opts).labeled
    expect(Array.from(splitDataset(labels, 3, { ...opts, seeding: 2 }).labeled)).toEqual(Array.from(v2))
    expect(Array.from(v1)).not.toEqual(Array.from(v2))
    // Version 1 is the old code: new Rng(seed) straight into the per-class draws.
    const rng = new Rng(1)
    const byClass = [0, 1, 2].map((c) => Array.from(labels.keys()).filter((i) => labels[i] === c))
    expect(Array.from(v1)).toEqual(byClass.flatMap((members) => rng.sample(members, 4)))
  })

  async function weights(dir: string): Promise<number[]> {
    const bytes = await readFile(join(dir, 'checkpoint', 'weights.bin'))
    return Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4))
  }

  async function straight(seeding: SeedingVersion): Promise<string> {
    const dir = await tempSessionDir()
    await new Trainer({ config: tinyConfig(), sessionDir: dir, resume: false, seeding, emit: () => undefined, deps: tinyDeps() }).run()
    return dir
  }

  it('resumes a checkpoint without a seeding version with the old streams; new runs record version 2', async () => {
    const oldStraight = await straight(1)
    const newStraight = await straight(2)
    const dir = await tempSessionDir()
    await runStoppedAt(tinyConfig(), dir, 7, { seeding: 1 })
    // Make it a checkpoint as sessions before version 2 wrote it: no seeding field.
    const statePath = join(dir, 'checkpoint', 'state.json')
    const state = JSON.parse(await readFile(statePath, 'utf8')) as Record<string, unknown>
    expect(state.seeding).toBe(1)
    delete state.seeding
    await writeFile(statePath, JSON.stringify(state))
    await new Trainer({ config: tinyConfig(), sessionDir: dir, resume: true, emit: () => undefined, deps: tinyDeps() }).run()

    expect(await weights(dir)).toEqual(await weights(oldStraight))
    const resumed = await readSessionFolder(dir)
    expect(resumed.metrics.map((m) => m.loss)).toEqual((await readSessionFolder(oldStraight)).metrics.map((m) => m.loss))
    // The salted run is another run: other init, other labeled list, other batches.
    expect(await weights(newStraight)).not.toEqual(await weights(oldStraight))
    const newState = JSON.parse(await readFile(join(newStraight, 'checkpoint', 'state.json'), 'utf8')) as Record<string, unknown>
    expect(newState.seeding).toBe(2)
  })
})
