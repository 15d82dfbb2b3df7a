// Imports are bounded before anything is read: a FIFO or device where a CIFAR file should be
// is refused (reading one would hang), as are files and archives larger than any real one,
// and a gzip that inflates past the limit (a "zip bomb") stops at the limit.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { loadCifar } from '../../../src/node/data/cifar'
import { CIFAR_LIMITS } from '../../../src/node/data/cifar-source'
import { makeCifar, makeTar, writeFolder } from './cifar-fixtures'

const root = mkdtempSync(join(tmpdir(), 'cifar-limits-'))
const defaults = { ...CIFAR_LIMITS }
afterEach(() => Object.assign(CIFAR_LIMITS, defaults))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const fifo = (path: string): void => void execFileSync('mkfifo', [path])

describe.runIf(process.platform !== 'win32')('CIFAR import limits', () => {
  it('refuses a FIFO in place of a batch file, at once, naming it', async () => {
    const folder = writeFolder(join(root, 'fifo-member'), makeCifar('cifar10'))
    rmSync(join(folder, 'data_batch_2.bin'))
    fifo(join(folder, 'data_batch_2.bin'))
    await expect(loadCifar('cifar10', folder)).rejects.toThrow(`${join(folder, 'data_batch_2.bin')} is not a regular file (a FIFO, device or socket?)`)
  }, 5_000)

  it('refuses a FIFO or a device chosen as the dataset itself', async () => {
    const path = join(root, 'cifar-10-binary.tar.gz')
    fifo(path)
    await expect(loadCifar('cifar10', path)).rejects.toThrow(/is not a folder or a regular file/)
    await expect(loadCifar('cifar10', '/dev/zero')).rejects.toThrow(/is not a folder or a regular file/)
  }, 5_000)

  it('refuses a member file larger than any CIFAR file before reading it', async () => {
    const folder = writeFolder(join(root, 'big-member'), makeCifar('cifar10'))
    CIFAR_LIMITS.memberBytes = 1000
    await expect(loadCifar('cifar10', folder)).rejects.toThrow(/data_batch_1\.bin is 0 MiB, more than any CIFAR file/)
  })

  it('stops inflating an archive at the limit', async () => {
    const fx = makeCifar('cifar10')
    const bomb = join(root, 'bomb.tar.gz')
    writeFileSync(bomb, gzipSync(makeTar(fx.folder, { ...fx.files, 'padding.bin': new Uint8Array(4 << 20) })))
    CIFAR_LIMITS.tarBytes = 1 << 20
    await expect(loadCifar('cifar10', bomb)).rejects.toThrow('bomb.tar.gz decompresses to more than 1 MiB; it is not the official cifar-10-binary.tar.gz')
    Object.assign(CIFAR_LIMITS, defaults)
    await expect(loadCifar('cifar10', bomb)).resolves.toMatchObject({ id: 'cifar10' })
  })
})
