// A session folder may come from elsewhere, and may change under a running writer: snapshot
// folders, sweep arrays and deletes never go through a symlink, and a FIFO as a log or as the
// lock is refused at once instead of blocking the writer.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { appendLines } from '../../../src/node/session/atomic'
import { SessionLock, lockHolder } from '../../../src/node/session/session-lock'
import { SessionWriter } from '../../../src/node/session/session-writer'
import { mkfifo, releaseFifos, within } from '../../main/helpers/hostile-folders'
import { config, folderBytes, sampleState, tempRoot } from './fixtures'

const tmp = tempRoot('no-symlink-writes-')
afterAll(() => {
  releaseFifos()
  tmp.cleanup()
})

let made = 0
/** An open writer on a new session with a snapshot at step 2 and sweep arrays at steps 2 and 9. */
async function openSession(): Promise<{ dir: string; writer: SessionWriter; outside: string }> {
  const dir = tmp.dir(`session-${++made}`)
  const first = await SessionWriter.create(dir, { name: 'swap', config, versions: {} })
  await first.writeSampleSnapshot(sampleState(2))
  for (const step of [2, 9]) await first.writeSweepArrays(step, 'ema', { pseudoLabel: Int16Array.of(1, 2), confidence: Float32Array.of(0.5, 0.9) })
  await first.close()
  const outside = tmp.dir(`outside-${made}`)
  mkdirSync(outside)
  return { dir, writer: await SessionWriter.open(dir), outside }
}

/** Moves dir/name to outside/name and leaves a symlink to it in its place. */
function swapForLink(dir: string, name: string, outside: string): void {
  renameSync(join(dir, name), join(outside, name))
  symlinkSync(join(outside, name), join(dir, name))
}

describe('writes never go through a symlink swapped in after open', () => {
  it('refuses opening a folder whose samples/ or sweeps/<step> is a symlink, writing nothing', async () => {
    const { dir, writer, outside } = await openSession()
    await writer.close()
    swapForLink(dir, 'samples', outside)
    swapForLink(join(dir, 'sweeps'), '9', outside)
    const before = folderBytes(outside)
    await expect(SessionWriter.open(dir, { lock: true })).rejects.toThrow(/samples must be a real folder, but is a symlink/)
    expect(existsSync(join(dir, 'session.lock'))).toBe(false)
    rmSync(join(dir, 'samples'))
    await expect(SessionWriter.open(dir)).rejects.toThrow(/sweeps\/9 must be a real file or folder, but is a symlink/)
    expect(folderBytes(outside)).toEqual(before)
  })

  it('a sample snapshot is refused when samples/ became a symlink', async () => {
    const { dir, writer, outside } = await openSession()
    swapForLink(dir, 'samples', outside)
    const before = folderBytes(outside)
    await expect(writer.writeSampleSnapshot(sampleState(5))).rejects.toThrow(/samples must be a real folder, but is a symlink/)
    expect(folderBytes(outside)).toEqual(before)
    expect(readdirSync(join(outside, 'samples'))).toEqual(['2'])
  })

  it('sweep arrays and their pruning are refused when sweeps/ became a symlink', async () => {
    const { dir, writer, outside } = await openSession()
    swapForLink(dir, 'sweeps', outside)
    const before = folderBytes(outside)
    await expect(writer.writeSweepArrays(12, 'ema', { pseudoLabel: Int16Array.of(0, 0), confidence: Float32Array.of(1, 1) })).rejects.toThrow(/sweeps must be a real folder/)
    expect(folderBytes(outside)).toEqual(before)
  })

  it('truncateAfterStep deletes no sweep step through a symlinked sweeps/', async () => {
    const { dir, writer, outside } = await openSession()
    swapForLink(dir, 'sweeps', outside)
    const before = folderBytes(outside)
    const metrics = readFileSync(join(dir, 'metrics.jsonl'), 'utf8')
    await expect(writer.truncateAfterStep(2)).rejects.toThrow(/sweeps must be a real (file or )?folder, but is a symlink/)
    expect(readFileSync(join(dir, 'metrics.jsonl'), 'utf8')).toBe(metrics)
    expect(readdirSync(join(outside, 'sweeps')).sort()).toEqual(['2', '9'])
    expect(folderBytes(outside)).toEqual(before)
  })
})

describe('FIFOs never block a writer', () => {
  it('refuses appending to a FIFO log at once', async () => {
    const fifo = tmp.dir('metrics-fifo.jsonl')
    mkfifo(fifo)
    const answer = await within(appendLines(fifo, ['{"step":1}']).then(() => 'written', (e: Error) => e.message))
    expect(answer).toMatch(/metrics-fifo\.jsonl is not a regular file \(a FIFO, device or socket\)/)
  })

  it('refuses a FIFO as session.lock at once, for the taker and for lockHolder', async () => {
    const dir = tmp.dir('fifo-lock')
    mkdirSync(dir)
    mkfifo(join(dir, 'session.lock'))
    const taken = await within(SessionLock.acquire(dir).then(() => 'taken', (e: Error) => e.message))
    expect(taken).toMatch(/session\.lock must be a regular file, but is a special file/)
    const held = await within(lockHolder(dir).then(() => 'answered', (e: Error) => e.message))
    expect(held).toMatch(/session\.lock must be a regular file/)
  })

  it('refuses a symlinked session.lock without touching or removing what it names', async () => {
    const dir = tmp.dir('linked-lock')
    mkdirSync(dir)
    const target = tmp.dir('precious-lock-target')
    writeFileSync(target, 'not a lock\n')
    symlinkSync(target, join(dir, 'session.lock'))
    await expect(SessionLock.acquire(dir)).rejects.toThrow(/session\.lock must be a regular file, but is a symlink/)
    expect(readFileSync(target, 'utf8')).toBe('not a lock\n')
    expect(existsSync(join(dir, 'session.lock'))).toBe(true)
  })
})
