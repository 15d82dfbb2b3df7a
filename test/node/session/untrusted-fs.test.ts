// untrusted-fs on real symlinks, FIFOs (mkfifo) and oversize files: each refused at once
// with a typed error, nothing behind a symlink read.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  assertNoSymlinkBelow,
  entryKind,
  isKindRefusal,
  openUntrustedFile,
  readFileBelow,
  readUntrustedFile,
  readUntrustedText
} from '../../../src/node/session/untrusted-fs'
import { AppError } from '../../../src/shared/errors'
import { mkfifo, releaseFifos, within } from '../../main/helpers/hostile-folders'
import { tempRoot } from './fixtures'

const temp = tempRoot('untrusted-fs-')
afterAll(() => {
  releaseFifos()
  temp.cleanup()
})
const root = temp.dir('session')
const outside = temp.dir('outside')
mkdirSync(join(root, 'samples', '3'), { recursive: true })
mkdirSync(outside)
writeFileSync(join(outside, 'secret.txt'), 'secret')
writeFileSync(join(root, 'plain.json'), '{"a":1}')
writeFileSync(join(root, 'samples', '3', 'x.npy'), 'npy')
symlinkSync(join(outside, 'secret.txt'), join(root, 'link.json'))
symlinkSync(outside, join(root, 'linked-folder'))

describe.skipIf(process.platform === 'win32')('untrusted-fs', () => {
  it('reads a regular file, and passes ENOENT through as the raw errno error', async () => {
    expect(await readUntrustedText(join(root, 'plain.json'), 100)).toBe('{"a":1}')
    const missing = await readUntrustedFile(join(root, 'none.json'), 100).catch((e: NodeJS.ErrnoException) => e)
    expect(missing).not.toBeInstanceOf(AppError)
    expect((missing as NodeJS.ErrnoException).code).toBe('ENOENT')
  })

  it('refuses a symlink to a file outside, naming it', async () => {
    const error = await readUntrustedText(join(root, 'link.json'), 100).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'session-corrupt', message: expect.stringContaining('is a symlink') })
    expect(isKindRefusal(error)).toBe(true)
  })

  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    const fifo = join(root, 'metrics.jsonl')
    mkfifo(fifo)
    const answer = await within(openUntrustedFile(fifo).catch((e: unknown) => e), 2000)
    expect(answer).toMatchObject({ code: 'session-corrupt', message: expect.stringContaining('special file') })
    expect(await entryKind(fifo)).toBe('special')
  })

  it('refuses a folder where a file belongs, and an oversize file (not a kind refusal)', async () => {
    await expect(readUntrustedFile(join(root, 'samples'), 100)).rejects.toMatchObject({ code: 'session-corrupt', message: expect.stringContaining('is a folder') })
    writeFileSync(join(root, 'big.json'), Buffer.alloc(1001, 0x20))
    const error = await readUntrustedFile(join(root, 'big.json'), 1000).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'session-corrupt', message: expect.stringContaining('1001 bytes, more than the 1000') })
    expect(isKindRefusal(error)).toBe(false)
    expect((await readUntrustedFile(join(root, 'big.json'), 1001)).length).toBe(1001)
  })

  it('entryKind tells files, folders, symlinks and missing entries apart without following links', async () => {
    expect(await entryKind(join(root, 'plain.json'))).toBe('file')
    expect(await entryKind(join(root, 'samples'))).toBe('folder')
    expect(await entryKind(join(root, 'linked-folder'))).toBe('symlink')
    expect(await entryKind(join(root, 'none'))).toBe('missing')
  })

  it('readFileBelow refuses a symlinked folder on the way down, and a path outside the root', async () => {
    expect((await readFileBelow(root, join(root, 'samples', '3', 'x.npy'), 100)).toString()).toBe('npy')
    await expect(readFileBelow(root, join(root, 'linked-folder', 'secret.txt'), 100)).rejects.toMatchObject({
      code: 'session-corrupt',
      message: expect.stringContaining('linked-folder must be a real folder, but is a symlink')
    })
    await expect(readFileBelow(root, join(root, '..', 'outside', 'secret.txt'), 100)).rejects.toMatchObject({ message: expect.stringContaining('is outside') })
    await expect(assertNoSymlinkBelow(root, join(root, 'samples', 'new', 'file'))).resolves.toBeUndefined()
    await expect(assertNoSymlinkBelow(root, join(root, 'plain.json', 'x'))).rejects.toMatchObject({ code: 'session-corrupt' })
  })
})
