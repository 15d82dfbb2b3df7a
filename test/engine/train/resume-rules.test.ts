// Resume rules, through the real Trainer and session folder: what is refused (and that a
// refused or failed resume leaves every byte as it was), the learning rate held when a run is
// extended past its planned length, each segment's schedule in session.json, and a lost
// metrics line at the checkpoint reported rather than left as a silent gap.
import { createHash } from 'node:crypto'
import { appendFileSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { readSessionFolder } from '../../../src/node/session/session-reader'
import { learningRate } from '../../../src/engine/train/schedule'
import { Trainer } from '../../../src/engine/train/trainer'
import type { WorkerEvent } from '../../../src/shared/worker-protocol'
import { tempSessionDir, tinyConfig, tinyDeps } from './fixtures'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

/** Path -> sha256 of every file under dir. */
function folderHash(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const path of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const full = join(dir, path)
    if (statSync(full).isFile()) out[relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex')
  }
  return out
}

async function train(dir: string, steps: number, resume: boolean, events: WorkerEvent[] = []) {
  return new Trainer({ config: tinyConfig({ steps }), sessionDir: dir, resume, emit: (e) => events.push(e), deps: tinyDeps() }).run()
}

/** A 12-step session, finished. */
async function finishedSession(): Promise<string> {
  const dir = await tempSessionDir()
  await train(dir, 12, false)
  return dir
}

describe('resume rules', () => {
  it.each([
    [12, /cannot resume .*: it is finished: it trained all its 12 steps; ask for more than 12 steps/],
    [10, /cannot resume .*: 10 steps is not beyond its checkpoint at step 12; ask for more than 12 steps/]
  ])('refuses a resume to %i steps of a session checkpointed at 12, changing no byte', async (steps, message) => {
    const dir = await finishedSession()
    appendFileSync(join(dir, 'metrics.jsonl'), '{"step": 13, "torn') // a torn line must survive a refusal too
    const before = folderHash(dir)
    await expect(train(dir, steps, true)).rejects.toThrow(message)
    expect(folderHash(dir)).toEqual(before)
  })

  it.each(['weights.bin', 'state.json'])('a resume failing on a damaged checkpoint (%s) changes no byte', async (file) => {
    const dir = await finishedSession()
    appendFileSync(join(dir, 'metrics.jsonl'), '{"step": 13, "torn')
    truncateSync(join(dir, 'checkpoint', file), 10)
    const before = folderHash(dir)
    await expect(train(dir, 20, true)).rejects.toThrow()
    expect(folderHash(dir)).toEqual(before)
  })

  it('extending a run holds the learning rate it reached at its planned end, and records each segment schedule', async () => {
    const dir = await finishedSession()
    await train(dir, 18, true)
    const session = await readSessionFolder(dir)
    const lr = session.metrics.map((m) => m.lr)
    const planned = { name: 'cosine' as const, lr: 0.05, totalSteps: 12, warmupSteps: 0, cosineCycles: 7 / 16 }
    expect(session.manifest.segments.map((s) => s.schedule)).toEqual([planned, planned])
    // Step s trains with lr(s - 1): the first 12 follow the cosine, the 6 extra hold lr(12).
    for (let s = 1; s <= 12; s++) expect(lr[s - 1]).toBeCloseTo(learningRate(s - 1, planned), 12)
    for (let s = 13; s <= 18; s++) expect(lr[s - 1]).toBeCloseTo(0.05 * Math.cos((7 * Math.PI) / 16), 12)
    expect(lr[12]).toBeLessThanOrEqual(lr[11])
    // A second extension keeps the same schedule.
    await train(dir, 20, true)
    const again = await readSessionFolder(dir)
    expect(again.manifest.segments.map((s) => s.schedule?.totalSteps)).toEqual([12, 12, 12])
    expect(again.metrics.map((m) => m.step)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
  })

  it('reports a torn metrics line at the checkpoint step instead of leaving a silent gap', async () => {
    const dir = await finishedSession()
    const path = join(dir, 'metrics.jsonl')
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n')
    // Step 12's line, torn: the checkpoint at 12 has no metrics for it.
    writeFileSync(path, `${lines.slice(0, 11).join('\n')}\n${lines[11].slice(0, 20)}`)
    const events: WorkerEvent[] = []
    await train(dir, 14, true, events)
    const warnings = events.flatMap((e) => (e.type === 'log' && e.level === 'warn' ? [e.message] : []))
    expect(warnings).toEqual([expect.stringMatching(/metrics.jsonl lacks step 12 of the checkpoint at step 12 \(a torn or lost line\)/)])
    const steps = (await readSessionFolder(dir)).metrics.map((m) => m.step)
    expect(steps).toEqual([...Array.from({ length: 11 }, (_, i) => i + 1), 13, 14])
  })
})
