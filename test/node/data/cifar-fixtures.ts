// Small CIFAR files in the official binary layout, generated for tests (a few records each).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { Rng } from '../../../src/shared/rng'

export type FixtureId = 'cifar10' | 'cifar100'

export interface FixtureSplit {
  /** HWC pixels and labels as the loader should return them. */
  images: Uint8Array
  labels: Uint8Array
}

export interface CifarFixture {
  files: Record<string, Uint8Array>
  folder: string
  archive: string
  train: FixtureSplit
  test: FixtureSplit
  classNames: string[]
}

const PLANE = 1024

function records(id: FixtureId, count: number, rng: Rng, numClasses: number): { bytes: Uint8Array } & FixtureSplit {
  const size = id === 'cifar10' ? 3073 : 3074
  const bytes = new Uint8Array(count * size)
  const images = new Uint8Array(count * PLANE * 3)
  const labels = new Uint8Array(count)
  for (let r = 0; r < count; r++) {
    const label = rng.int(0, numClasses)
    labels[r] = label
    const base = r * size
    if (id === 'cifar100') {
      bytes[base] = label % 20 // coarse
      bytes[base + 1] = label
    } else {
      bytes[base] = label
    }
    const px = base + size - 3 * PLANE
    for (let c = 0; c < 3; c++) {
      for (let p = 0; p < PLANE; p++) {
        const v = rng.int(0, 256)
        bytes[px + c * PLANE + p] = v
        images[(r * PLANE + p) * 3 + c] = v
      }
    }
  }
  return { bytes, images, labels }
}

function concat(parts: FixtureSplit[]): FixtureSplit {
  const join2 = (arrays: Uint8Array[]) => {
    const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0))
    let o = 0
    for (const a of arrays) {
      out.set(a, o)
      o += a.length
    }
    return out
  }
  return { images: join2(parts.map((p) => p.images)), labels: join2(parts.map((p) => p.labels)) }
}

export function makeCifar(id: FixtureId, perFile = 3, seed = 1): CifarFixture {
  const rng = new Rng(seed)
  const files: Record<string, Uint8Array> = {}
  const numClasses = id === 'cifar10' ? 10 : 100
  const classNames = Array.from({ length: numClasses }, (_, i) => `class_${i}`)
  let train: FixtureSplit
  let test: FixtureSplit
  if (id === 'cifar10') {
    const batches = [1, 2, 3, 4, 5].map((i) => {
      const rec = records(id, perFile + (i % 2), rng, numClasses)
      files[`data_batch_${i}.bin`] = rec.bytes
      return rec
    })
    train = concat(batches)
    const t = records(id, perFile, rng, numClasses)
    files['test_batch.bin'] = t.bytes
    test = t
    files['batches.meta.txt'] = Buffer.from(classNames.join('\n') + '\n\n')
  } else {
    const tr = records(id, perFile * 5, rng, numClasses)
    const te = records(id, perFile, rng, numClasses)
    files['train.bin'] = tr.bytes
    files['test.bin'] = te.bytes
    train = tr
    test = te
    files['fine_label_names.txt'] = Buffer.from(classNames.join('\n') + '\n')
    files['coarse_label_names.txt'] = Buffer.from(Array.from({ length: 20 }, (_, i) => `super_${i}`).join('\n'))
  }
  const folder = id === 'cifar10' ? 'cifar-10-batches-bin' : 'cifar-100-binary'
  const archive = id === 'cifar10' ? 'cifar-10-binary.tar.gz' : 'cifar-100-binary.tar.gz'
  return { files, folder, archive, train: { images: train.images, labels: train.labels }, test, classNames }
}

function header(name: string, size: number, type: string): Uint8Array {
  const h = new Uint8Array(512)
  const put = (text: string, at: number) => h.set(Buffer.from(text, 'utf8'), at)
  put(name, 0)
  put('0000644\0', 100)
  put('0000000\0', 108)
  put('0000000\0', 116)
  put(size.toString(8).padStart(11, '0') + '\0', 124)
  put('00000000000\0', 136)
  put('        ', 148)
  put(type, 156)
  put('ustar\0', 257)
  put('00', 263)
  const sum = h.reduce((a, b) => a + b, 0)
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148)
  return h
}

/** A ustar archive holding `folder/` and its files. */
export function makeTar(folder: string, files: Record<string, Uint8Array>): Uint8Array {
  const chunks: Uint8Array[] = [header(`${folder}/`, 0, '5')]
  for (const [name, data] of Object.entries(files)) {
    chunks.push(header(`${folder}/${name}`, data.length, '0'), data, new Uint8Array((512 - (data.length % 512)) % 512))
  }
  chunks.push(new Uint8Array(1024))
  return Buffer.concat(chunks)
}

export function makeArchive(fx: CifarFixture): Uint8Array {
  return gzipSync(makeTar(fx.folder, fx.files))
}

/** Writes <parent>/<folder>/<files>; returns the folder. */
export function writeFolder(parent: string, fx: CifarFixture, files = fx.files): string {
  const dir = join(parent, fx.folder)
  mkdirSync(dir, { recursive: true })
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data)
  return dir
}
