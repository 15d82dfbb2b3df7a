// A damaged checkpoint is refused with the damaged file named, never an anonymous
// "Unexpected end of JSON input" or a tensor-size error.
import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { Trainer } from '../../../src/engine/train/trainer'
import { tempSessionDir, tinyConfig, tinyDeps } from './fixtures'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

const run = (dir: string, steps: number, resume: boolean) =>
  new Trainer({ config: tinyConfig({ steps }), sessionDir: dir, resume, emit: () => undefined, deps: tinyDeps() }).run()

/** Edits model.json's first weights group, as a hand-edited or hostile checkpoint would. */
const editGroup = (edit: (group: Record<string, unknown>) => void) => (path: string): void => {
  const model = JSON.parse(readFileSync(path, 'utf8')) as { weightsManifest: Record<string, unknown>[] }
  edit(model.weightsManifest[0])
  writeFileSync(path, JSON.stringify(model))
}

const damage: [string, (path: string) => void, RegExp][] = [
  ['weights.bin', (p) => truncateSync(p, 100), /weights\.bin is damaged: 100 bytes, model\.json lists \d+/],
  ['optimizer.bin', (p) => truncateSync(p, 7), /optimizer\.bin is damaged: 7 bytes/],
  ['ema.bin', (p) => rmSync(p), /ema\.bin is missing/],
  ['state.json', (p) => truncateSync(p, 30), /state\.json is damaged: not valid JSON/],
  ['model.json', (p) => truncateSync(p, 40), /model\.json is damaged: not valid JSON/],
  ['model.json', (p) => writeFileSync(p, '[]'), /model\.json is damaged: not a JSON object/],
  ['samples-confidence.npy', (p) => truncateSync(p, 20), /samples-confidence\.npy/],
  ['model.json', editGroup((g) => (g.paths = ['/etc/passwd'])), /weight file '\/etc\/passwd' is not a file name inside the checkpoint folder/],
  ['model.json', editGroup((g) => (g.paths = ['..'])), /weight file '\.\.' is not a file name inside the checkpoint folder/],
  ['model.json', editGroup((g) => (g.paths = ['weights.bin', 'optimizer.bin'])), /must name exactly one weight file/],
  ['model.json', editGroup((g) => ((g.weights as { shape: unknown }[])[0].shape = [-1, 3])), /a weight of weights\.bin has no name, a bad shape/],
  ['weights.bin', (p) => writeFileSync(p, Buffer.concat([readFileSync(p), Buffer.alloc(8)])), /weights\.bin is damaged: larger than the \d+ bytes model\.json lists/]
]

describe('damaged checkpoint files', () => {
  it.each(damage)('names %s when it is damaged', async (file, hurt, message) => {
    const dir = await tempSessionDir()
    await run(dir, 4, false)
    const path = join(dir, 'checkpoint', file)
    hurt(path)
    const error = await run(dir, 6, true).then(
      () => null,
      (e: unknown) => e as { code?: string; message: string }
    )
    expect(error?.code).toBe('session-corrupt')
    expect(error?.message).toContain(path)
    expect(error?.message).toMatch(message)
  })
})
