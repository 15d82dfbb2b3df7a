// An imported session whose logs are symlinks must not make a run append elsewhere.
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { appendLines } from '../../../src/node/session/atomic'
import { SessionWriter } from '../../../src/node/session/session-writer'
import { config, evalRecord, stepRecord, tempRoot } from './fixtures'

const tmp = tempRoot('symlink-')
afterAll(tmp.cleanup)

describe('appends never follow a symlink', () => {
  it('refuses appendLines on a link, naming it, and leaves its target alone', async () => {
    const target = tmp.dir('precious.txt')
    writeFileSync(target, 'keep me\n')
    const link = tmp.dir('link.jsonl')
    symlinkSync(target, link)
    await expect(appendLines(link, ['{"step":1}'])).rejects.toThrow(`${link} is a symbolic link; a session only appends to its own files`)
    expect(readFileSync(target, 'utf8')).toBe('keep me\n')
    const plain = tmp.dir('plain.jsonl')
    await appendLines(plain, ['a', 'b'])
    await appendLines(plain, ['c'])
    expect(readFileSync(plain, 'utf8')).toBe('a\nb\nc\n')
  })

  it('a session writer with linked metrics.jsonl and evals.jsonl writes to neither target', async () => {
    const dir = tmp.dir('session')
    await (await SessionWriter.create(dir, { name: 'linked', config, versions: {} })).close()
    const outside = tmp.dir('outside.jsonl')
    writeFileSync(outside, '')
    const link = (): void => {
      for (const file of ['metrics.jsonl', 'evals.jsonl']) {
        rmSync(join(dir, file))
        symlinkSync(outside, join(dir, file))
      }
    }
    link()
    // Opening refuses the folder outright; links swapped in after opening fail each append.
    await expect(SessionWriter.open(dir)).rejects.toThrow(/metrics\.jsonl must be a regular file, but is a symlink/)
    for (const file of ['metrics.jsonl', 'evals.jsonl']) {
      rmSync(join(dir, file))
      writeFileSync(join(dir, file), '')
    }
    const writer = await SessionWriter.open(dir)
    link()
    await writer.beginSegment(0, null)
    await expect(writer.appendEval(evalRecord(1))).rejects.toThrow(/evals\.jsonl is a symbolic link/)
    writer.appendMetrics([stepRecord(1)])
    await expect(writer.flush()).rejects.toThrow(/metrics\.jsonl is a symbolic link/)
    expect(readFileSync(outside, 'utf8')).toBe('')
  })
})
