import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadMnist } from '../../../src/node/data/mnist'
import { DatasetCatalog } from '../../../src/main/services/dataset-catalog'
import { ImageService, MAX_IMAGE_PIXELS } from '../../../src/main/services/image-service'
import { decodePng } from '../../node/data/png-decode'
import { makeCifar, writeFolder } from '../../node/data/cifar-fixtures'

const root = mkdtempSync(join(tmpdir(), 'images-test-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const fx = makeCifar('cifar10', 3)
const folder = writeFolder(root, fx)
const paths = { cifar10Path: folder as string | null, cifar100Path: null as string | null }
const catalog = new DatasetCatalog({ cacheDir: join(root, 'cache'), settings: { get: () => paths } })
const images = new ImageService(catalog)
const mnist = loadMnist()

const mnistImage = (split: 'train' | 'test', i: number) => (split === 'train' ? mnist.train : mnist.test).images.subarray(i * 784, (i + 1) * 784)

async function png(url: string) {
  const answer = await images.serve(url)
  expect(answer.status, new TextDecoder().decode(answer.body)).toBe(200)
  expect(answer.mimeType).toBe('image/png')
  return decodePng(answer.body)
}

describe('ImageService', () => {
  it('serves one MNIST image, with or without the scheme', async () => {
    for (const url of ['pseudoscope://dataset/mnist/train/5.png', 'dataset/mnist/train/5.png', 'pseudoscope:///dataset/mnist/train/5.png']) {
      const img = await png(url)
      expect([img.width, img.height, img.channels]).toEqual([28, 28, 1])
      expect(img.pixels).toEqual(mnistImage('train', 5))
    }
  })

  it('serves RGB CIFAR images and nearest upscales', async () => {
    const img = await png('pseudoscope://dataset/cifar10/test/2.png?scale=3')
    expect([img.width, img.height, img.channels]).toEqual([96, 96, 3])
    const expected = fx.test.images.subarray(2 * 3072, 3 * 3072)
    for (const [x, y] of [[0, 0], [95, 95], [40, 7]]) {
      const out = (y * 96 + x) * 3
      const src = (Math.floor(y / 3) * 32 + Math.floor(x / 3)) * 3
      expect(Array.from(img.pixels.subarray(out, out + 3))).toEqual(Array.from(expected.subarray(src, src + 3)))
    }
  })

  it('packs an atlas row-major with min(cols, count) columns', async () => {
    const list = [3, 1, 4, 1, 5]
    const img = await png(`pseudoscope://atlas/mnist/test.png?indices=${list.join(',')}&cols=2`)
    expect([img.width, img.height]).toEqual([56, 84])
    list.forEach((index, slot) => {
      const x0 = (slot % 2) * 28
      const y0 = Math.floor(slot / 2) * 28
      const tile = new Uint8Array(784)
      for (let y = 0; y < 28; y++) tile.set(img.pixels.subarray((y0 + y) * 56 + x0, (y0 + y) * 56 + x0 + 28), y * 28)
      expect(tile).toEqual(mnistImage('test', index))
    })
    const wide = await png('atlas/mnist/train.png?indices=7,8&cols=16')
    expect([wide.width, wide.height]).toEqual([56, 28])
  })

  it('answers 404 for unknown things and traversal attempts, 400 for malformed queries', async () => {
    const status = async (url: string) => (await images.serve(url)).status
    for (const url of [
      'pseudoscope://dataset/svhn/train/1.png',
      'dataset/mnist/valid/1.png',
      'dataset/mnist/train/8000.png',
      'dataset/mnist/train/-1.png',
      'dataset/mnist/train/01.png',
      'dataset/mnist/train/1.jpg',
      'dataset/mnist/train/abc.png',
      'dataset/mnist/train/1.png/..',
      'dataset/../../etc/passwd',
      'dataset/mnist/train/..%2F..%2Fsecret.png',
      'dataset/mnist%2ftrain/1.png',
      'pseudoscope:///etc/passwd',
      '/etc/passwd',
      'dataset\\mnist\\train\\1.png',
      'atlas/mnist/test.png/../x?indices=1',
      'atlas/mnist/test.png?indices=1,2000',
      'dataset/cifar100/train/0.png'
    ]) {
      expect(await status(url), url).toBe(404)
    }
    for (const url of [
      'atlas/mnist/test.png',
      'atlas/mnist/test.png?indices=1,a',
      'atlas/mnist/test.png?indices=1,,2',
      `atlas/mnist/test.png?indices=${new Array(1025).fill(1).join(',')}`,
      'atlas/mnist/test.png?indices=1&cols=0',
      'dataset/mnist/train/1.png?scale=0',
      'dataset/mnist/train/1.png?scale=x'
    ]) {
      expect(await status(url), url).toBe(400)
    }
  })

  it('refuses an atlas with more pixels than main may build at once, and serves the largest allowed', async () => {
    const all = Array.from({ length: 1024 }, (_, i) => i % 17).join(',')
    const huge = await images.serve(`pseudoscope://atlas/cifar10/train.png?indices=${all}&cols=32&scale=8`)
    expect(huge.status).toBe(400)
    expect(new TextDecoder().decode(huge.body)).toBe(
      `8192x8192 pixels is more than one image may hold (${MAX_IMAGE_PIXELS}); ask for fewer images or a smaller scale`
    )
    const largest = await png(`pseudoscope://atlas/cifar10/train.png?indices=${all}&cols=32&scale=2`)
    expect(largest.width * largest.height).toBe(MAX_IMAGE_PIXELS)
  })

  it('caches encoded PNGs and answers protocol.handle with a fetch Response', async () => {
    const a = await images.serve('dataset/mnist/test/9.png')
    expect(await images.serve('dataset/mnist/test/9.png')).toBe(a)
    const response = await images.handle('pseudoscope://dataset/mnist/test/9.png')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(a.body)
    expect((await images.handle('dataset/x/y/z.png')).status).toBe(404)
  })

  it('evicts the least recently used PNGs beyond its entry budget', async () => {
    const small = new ImageService(catalog, 2)
    const first = await small.serve('dataset/mnist/test/1.png')
    const second = await small.serve('dataset/mnist/test/2.png')
    expect(await small.serve('dataset/mnist/test/1.png')).toBe(first) // 1 is now the most recent
    await small.serve('dataset/mnist/test/3.png') // evicts 2
    expect(await small.serve('dataset/mnist/test/1.png')).toBe(first)
    const again = await small.serve('dataset/mnist/test/2.png')
    expect(again).not.toBe(second)
    expect(again.body).toEqual(second.body)
  })
})
