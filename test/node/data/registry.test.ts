import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { clearDatasetCache, loadDataset } from '../../../src/node/data/registry'
import { makeCifar, writeFolder } from './cifar-fixtures'

const root = mkdtempSync(join(tmpdir(), 'registry-test-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('loadDataset', () => {
  it('serves MNIST without a path', async () => {
    const ds = await loadDataset('mnist')
    expect(ds.source).toBe('embedded')
    expect(ds.train.count).toBe(8000)
  })

  it('explains how to provide CIFAR when no path is given', async () => {
    await expect(loadDataset('cifar100', {})).rejects.toMatchObject({
      code: 'dataset-unavailable',
      message: expect.stringMatching(/CIFAR-100 is not on this machine: import the cifar-100-binary\/ folder/)
    })
  })

  it('caches per (id, path) and retries after a failure', async () => {
    const parent = join(root, 'c10')
    await expect(loadDataset('cifar10', { dataDir: parent })).rejects.toMatchObject({ code: 'dataset-unavailable' })
    const folder = writeFolder(parent, makeCifar('cifar10', 2))
    const a = await loadDataset('cifar10', { dataDir: folder })
    expect(await loadDataset('cifar10', { dataDir: `${folder}/` })).toBe(a)
    const viaParent = await loadDataset('cifar10', { dataDir: parent })
    expect(viaParent).not.toBe(a)
    expect(viaParent.train.images).toEqual(a.train.images)
    clearDatasetCache('cifar10')
    expect(await loadDataset('cifar10', { dataDir: folder })).not.toBe(a)
  })
})
