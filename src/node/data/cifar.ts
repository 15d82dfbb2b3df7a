// CIFAR-10 / CIFAR-100 from the official binary version (ssl-reference.md section 7):
// records of [label byte(s), 1024 R, 1024 G, 1024 B], converted to HWC uint8.
import { AppError } from '../../shared/errors'
import { openCifarFiles, type CifarFiles, type CifarLocation } from './cifar-source'
import type { ImageDataset, ImageSplit } from './types'

export type CifarId = 'cifar10' | 'cifar100'

interface CifarLayout extends CifarLocation {
  title: string
  trainFiles: string[]
  testFiles: string[]
  /** Bytes per record and the offset of the class byte within it. */
  recordSize: number
  labelOffset: number
  namesFile: string
  numClasses: number
  mean: number[]
  std: number[]
}

export const CIFAR_LAYOUTS: Record<CifarId, CifarLayout> = {
  cifar10: {
    title: 'CIFAR-10',
    folder: 'cifar-10-batches-bin',
    archive: 'cifar-10-binary.tar.gz',
    marker: 'batches.meta.txt',
    trainFiles: [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`),
    testFiles: ['test_batch.bin'],
    recordSize: 3073,
    labelOffset: 0,
    namesFile: 'batches.meta.txt',
    numClasses: 10,
    mean: [0.4914, 0.4822, 0.4465],
    std: [0.2471, 0.2435, 0.2616]
  },
  cifar100: {
    title: 'CIFAR-100',
    folder: 'cifar-100-binary',
    archive: 'cifar-100-binary.tar.gz',
    marker: 'fine_label_names.txt',
    trainFiles: ['train.bin'],
    testFiles: ['test.bin'],
    recordSize: 3074,
    // Byte 0 is the coarse label (20 superclasses); we train on the fine one.
    labelOffset: 1,
    namesFile: 'fine_label_names.txt',
    numClasses: 100,
    mean: [0.5071, 0.4867, 0.4408],
    std: [0.2675, 0.2565, 0.2761]
  }
}

const PLANE = 32 * 32
const fmt = (n: number): string => n.toLocaleString('en-US')

async function need(files: CifarFiles, name: string): Promise<Uint8Array> {
  const data = await files.read(name)
  if (!data) throw new AppError('dataset-corrupt', `${name} is missing from ${files.source}`)
  return data
}

function parseNames(name: string, bytes: Uint8Array, expected: number): string[] {
  const names = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
    .toString('utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
  if (names.length !== expected) {
    throw new AppError('dataset-corrupt', `${name}: ${names.length} class names, expected ${expected}`)
  }
  return names
}

async function readSplit(files: CifarFiles, names: string[], layout: CifarLayout): Promise<ImageSplit> {
  const parts = await Promise.all(names.map((name) => need(files, name)))
  let count = 0
  parts.forEach((bytes, k) => {
    if (bytes.length === 0 || bytes.length % layout.recordSize !== 0) {
      throw new AppError(
        'dataset-corrupt',
        `${names[k]}: ${fmt(bytes.length)} bytes is not a multiple of ${fmt(layout.recordSize)}-byte records`
      )
    }
    count += bytes.length / layout.recordSize
  })
  const images = new Uint8Array(count * PLANE * 3)
  const labels = new Uint8Array(count)
  let n = 0
  parts.forEach((bytes, k) => {
    for (let rec = 0; rec < bytes.length; rec += layout.recordSize, n++) {
      const label = bytes[rec + layout.labelOffset]
      if (label >= layout.numClasses) {
        throw new AppError(
          'dataset-corrupt',
          `${names[k]}: record ${fmt(rec / layout.recordSize)} has label ${label}, but ${layout.title} has ${layout.numClasses} classes`
        )
      }
      labels[n] = label
      const px = rec + layout.labelOffset + 1
      const out = n * PLANE * 3
      for (let p = 0; p < PLANE; p++) {
        images[out + p * 3] = bytes[px + p]
        images[out + p * 3 + 1] = bytes[px + PLANE + p]
        images[out + p * 3 + 2] = bytes[px + 2 * PLANE + p]
      }
    }
  })
  return { images, labels, count }
}

/** Loads CIFAR from `path` (extracted folder, its parent, or the official archive). */
export async function loadCifar(id: CifarId, path: string): Promise<ImageDataset> {
  const layout = CIFAR_LAYOUTS[id]
  const files = await openCifarFiles(path, layout)
  const classNames = parseNames(layout.namesFile, await need(files, layout.namesFile), layout.numClasses)
  const train = await readSplit(files, layout.trainFiles, layout)
  const test = await readSplit(files, layout.testFiles, layout)
  return {
    id,
    title: layout.title,
    classNames,
    height: 32,
    width: 32,
    channels: 3,
    mean: layout.mean,
    std: layout.std,
    flipByDefault: true,
    train,
    test,
    source: files.source
  }
}
