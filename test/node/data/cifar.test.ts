import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadCifar } from '../../../src/node/data/cifar'
import type { ImageDataset } from '../../../src/node/data/types'
import { AppError } from '../../../src/shared/errors'
import { makeArchive, makeCifar, makeTar, writeFolder, type CifarFixture } from './cifar-fixtures'

const root = mkdtempSync(join(tmpdir(), 'cifar-test-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let counter = 0
const fresh = (): string => {
  const dir = join(root, `case-${counter++}`)
  return dir
}

function expectSame(ds: ImageDataset, fx: CifarFixture): void {
  expect(ds.classNames).toEqual(fx.classNames)
  expect([ds.height, ds.width, ds.channels]).toEqual([32, 32, 3])
  expect(ds.train.count).toBe(fx.train.labels.length)
  expect(ds.train.labels).toEqual(fx.train.labels)
  expect(ds.train.images).toEqual(fx.train.images)
  expect(ds.test.labels).toEqual(fx.test.labels)
  expect(ds.test.images).toEqual(fx.test.images)
  expect(ds.flipByDefault).toBe(true)
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

describe.each(['cifar10', 'cifar100'] as const)('loadCifar %s', (id) => {
  const fx = makeCifar(id, 3, id === 'cifar10' ? 1 : 2)

  it('reads the extracted folder, its parent, the archive and a folder holding the archive alike', async () => {
    const parent = fresh()
    const folder = writeFolder(parent, fx)
    expectSame(await loadCifar(id, folder), fx)
    expectSame(await loadCifar(id, parent), fx)
    const archiveDir = fresh()
    writeFolder(archiveDir, fx, {}) // an empty sibling folder must not confuse it
    const archive = join(archiveDir, fx.archive)
    writeFileSync(archive, makeArchive(fx))
    const fromArchive = await loadCifar(id, archive)
    expectSame(fromArchive, fx)
    expect(fromArchive.source).toBe(archive)
    rmSync(join(archiveDir, fx.folder), { recursive: true })
    expectSame(await loadCifar(id, archiveDir), fx)
  })

  it('uses the normalization of the spec', async () => {
    const ds = await loadCifar(id, writeFolder(fresh(), fx))
    expect(ds.mean).toEqual(id === 'cifar10' ? [0.4914, 0.4822, 0.4465] : [0.5071, 0.4867, 0.4408])
    expect(ds.std).toEqual(id === 'cifar10' ? [0.2471, 0.2435, 0.2616] : [0.2675, 0.2565, 0.2761])
  })
})

describe('loadCifar errors', () => {
  const fx = makeCifar('cifar10', 2)

  it('names a truncated batch file and its record size', async () => {
    const bad = { ...fx.files, 'data_batch_3.bin': fx.files['data_batch_3.bin'].subarray(1) }
    const error = await failure(loadCifar('cifar10', writeFolder(fresh(), fx, bad)))
    expect(error.code).toBe('dataset-corrupt')
    expect(error.message).toBe('data_batch_3.bin: 9,218 bytes is not a multiple of 3,073-byte records')
  })

  it('names a missing batch file', async () => {
    const files = { ...fx.files }
    delete files['test_batch.bin']
    const error = await failure(loadCifar('cifar10', writeFolder(fresh(), fx, files)))
    expect(error.code).toBe('dataset-corrupt')
    expect(error.message).toMatch(/test_batch.bin is missing/)
  })

  it('rejects out-of-range labels and wrong class-name files', async () => {
    const batch = fx.files['data_batch_1.bin'].slice()
    batch[3073] = 10
    let error = await failure(loadCifar('cifar10', writeFolder(fresh(), fx, { ...fx.files, 'data_batch_1.bin': batch })))
    expect(error.message).toBe('data_batch_1.bin: record 1 has label 10, but CIFAR-10 has 10 classes')
    const names = Buffer.from('a\nb\n')
    error = await failure(loadCifar('cifar10', writeFolder(fresh(), fx, { ...fx.files, 'batches.meta.txt': names })))
    expect(error.message).toBe('batches.meta.txt: 2 class names, expected 10')
  })

  it('rejects a CIFAR-100 folder given as CIFAR-10, and missing paths', async () => {
    const parent = fresh()
    writeFolder(parent, makeCifar('cifar100', 1))
    let error = await failure(loadCifar('cifar10', parent))
    expect(error.code).toBe('dataset-unavailable')
    expect(error.message).toMatch(/holds neither cifar-10-batches-bin\/ .* nor cifar-10-binary.tar.gz/)
    error = await failure(loadCifar('cifar10', join(root, 'nope')))
    expect(error.message).toMatch(/nope does not exist/)
    const text = join(root, 'notes.txt')
    writeFileSync(text, 'hello')
    error = await failure(loadCifar('cifar10', text))
    expect(error.message).toMatch(/is not a folder or a .tar.gz archive/)
  })

  it('rejects damaged archives: not gzip, cut short, not tar inside', async () => {
    const dir = fresh()
    writeFolder(dir, fx, {})
    const archive = join(dir, 'cifar-10-binary.tar.gz')
    writeFileSync(archive, Buffer.from('definitely not gzip'))
    let error = await failure(loadCifar('cifar10', archive))
    expect(error.code).toBe('dataset-corrupt')
    expect(error.message).toMatch(/not a gzip archive/)
    const whole = makeArchive(fx)
    writeFileSync(archive, whole.subarray(0, Math.floor(whole.length / 2)))
    error = await failure(loadCifar('cifar10', archive))
    expect(error.message).toMatch(/cannot decompress/)
    const { gzipSync } = await import('node:zlib')
    writeFileSync(archive, gzipSync(Buffer.alloc(2048, 7)))
    error = await failure(loadCifar('cifar10', archive))
    expect(error.message).toMatch(/checksum mismatch/)
    const tar = makeTar(fx.folder, fx.files)
    writeFileSync(archive, gzipSync(tar.subarray(0, 4000)))
    error = await failure(loadCifar('cifar10', archive))
    expect(error.message).toMatch(/truncated/)
  })
})
