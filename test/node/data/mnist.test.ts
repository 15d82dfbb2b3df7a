import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadMnist } from '../../../src/node/data/mnist'

describe('loadMnist', () => {
  const ds = loadMnist()

  it('has 10,000 28x28x1 digits split 8,000 / 2,000, 200 test images per class', () => {
    expect([ds.height, ds.width, ds.channels]).toEqual([28, 28, 1])
    expect(ds.train.count + ds.test.count).toBe(10_000)
    expect(ds.test.count).toBe(2_000)
    expect(ds.train.images.length).toBe(ds.train.count * 784)
    const perClass = new Array(10).fill(0)
    for (const label of ds.test.labels) perClass[label]++
    expect(perClass).toEqual(new Array(10).fill(200))
    expect(ds.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
    expect(ds.mean).toEqual([0.1307])
    expect(ds.std).toEqual([0.3081])
    expect(ds.flipByDefault).toBe(false)
  })

  it('is cached and the same partition every time', () => {
    expect(loadMnist()).toBe(ds)
    // Both splits mix classes (the package is sorted by class).
    expect(new Set(ds.train.labels.subarray(0, 100)).size).toBe(10)
  })

  it('keeps the pixels of the package, rounded to uint8', () => {
    const dir = join(dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits')
    const sevens = (JSON.parse(readFileSync(join(dir, '7.json'), 'utf8')) as { data: number[] }).data
    const firstSeven = Uint8Array.from(sevens.slice(0, 784), (v) => Math.round(v * 255))
    const all = [ds.train, ds.test]
    const found = all.some((split) => {
      for (let i = 0; i < split.count; i++) {
        if (split.labels[i] !== 7) continue
        const img = split.images.subarray(i * 784, (i + 1) * 784)
        if (img.every((v, k) => v === firstSeven[k])) return true
      }
      return false
    })
    expect(found).toBe(true)
  })
})
