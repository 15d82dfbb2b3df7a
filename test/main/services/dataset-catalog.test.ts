import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { downloadCifar } from '../../../src/node/data/download'
import { loadMnist } from '../../../src/node/data/mnist'
import { DatasetCatalog, type DatasetPathSettings } from '../../../src/main/services/dataset-catalog'
import type { DownloadProgress } from '../../../src/shared/datasets'
import { makeArchive, makeCifar, writeFolder } from '../../node/data/cifar-fixtures'

const root = mkdtempSync(join(tmpdir(), 'catalog-test-'))
const fx10 = makeCifar('cifar10', 4)
const archive = makeArchive(fx10)
const md5 = createHash('md5').update(archive).digest('hex')
let server: Server
let base = ''

beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(200, { 'content-length': archive.length }).end(archive))
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((done) => server.close(done))
  rmSync(root, { recursive: true, force: true })
})

class MemorySettings implements DatasetPathSettings {
  paths = { cifar10Path: null as string | null, cifar100Path: null as string | null }
  get() {
    return { ...this.paths }
  }
  setDatasetPath(id: 'cifar10' | 'cifar100', path: string): void {
    this.paths[id === 'cifar10' ? 'cifar10Path' : 'cifar100Path'] = path
  }
}

function catalog(name: string, md5sum = md5) {
  const settings = new MemorySettings()
  const events: DownloadProgress[] = []
  const cat = new DatasetCatalog({
    cacheDir: join(root, name, 'cache'),
    settings,
    events: (_event, payload) => events.push(payload as DownloadProgress),
    download: (id, opts) => downloadCifar(id, { ...opts, url: `${base}/x.tar.gz`, md5: md5sum, progressIntervalMs: 0 })
  })
  return { cat, settings, events }
}

describe('DatasetCatalog', () => {
  it('lists MNIST as available and CIFAR as not imported, with a reason', async () => {
    const { cat } = catalog('list')
    const list = await cat.list()
    expect(list.map((d) => d.id)).toEqual(['mnist', 'cifar10', 'cifar100'])
    expect(list[0]).toMatchObject({ available: true, source: 'embedded', trainSize: 8000, testSize: 2000, imageShape: [28, 28, 1] })
    expect(list[1]).toMatchObject({ available: false, numClasses: 10 })
    expect(list[1].detail).toMatch(/not imported yet: choose cifar-10-binary.tar.gz/)
    await expect(cat.getDataset('cifar10')).rejects.toMatchObject({ code: 'dataset-unavailable' })
  })

  it('reports a remembered path that no longer loads as unavailable, naming the problem', async () => {
    const { cat, settings } = catalog('stale')
    settings.paths.cifar100Path = join(root, 'gone')
    const entry = (await cat.list())[2]
    expect(entry).toMatchObject({ available: false, source: join(root, 'gone') })
    expect(entry.detail).toMatch(/gone does not exist/)
  })

  it('gives class histograms, splits and sample pages', async () => {
    const { cat } = catalog('detail')
    const detail = await cat.get('mnist')
    expect(detail.testHistogram).toEqual(new Array(10).fill(200))
    expect(detail.trainHistogram.reduce((a, b) => a + b)).toBe(8000)
    const split = await cat.split({ id: 'mnist', labelsPerClass: 4, seed: 1, excludeLabeledFromUnlabeled: false })
    expect(split).toMatchObject({ labeledCount: 40, unlabeledCount: 8000, labeledPerClass: new Array(10).fill(4) })
    expect(split.unlabeledPerClass).toEqual(detail.trainHistogram)
    const mnist = loadMnist()
    split.labeledIndices.forEach((index, k) => expect(mnist.train.labels[index]).toBe(Math.floor(k / 4)))
    const excluded = await cat.split({ id: 'mnist', labelsPerClass: 4, seed: 1, excludeLabeledFromUnlabeled: true })
    expect(excluded.unlabeledCount).toBe(7960)
    expect(excluded.labeledIndices).toEqual(split.labeledIndices)
    const page = await cat.samples({ id: 'mnist', split: 'test', offset: 1995, limit: 10 })
    expect(page.total).toBe(2000)
    expect(page.indices).toEqual([1995, 1996, 1997, 1998, 1999])
    expect(page.labels).toEqual(page.indices.map((i) => mnist.test.labels[i]))
  })

  it('imports only a path that loads, and remembers it', async () => {
    const { cat, settings } = catalog('import')
    await expect(cat.import('cifar10', join(root, 'nothing-here'))).rejects.toMatchObject({ code: 'dataset-unavailable' })
    expect(settings.paths.cifar10Path).toBeNull()
    const folder = writeFolder(join(root, 'import', 'data'), fx10)
    const summary = await cat.import('cifar10', folder)
    expect(summary).toMatchObject({ id: 'cifar10', available: true, trainSize: fx10.train.labels.length, classNames: fx10.classNames })
    expect(settings.paths.cifar10Path).toBe(folder)
    expect(cat.dataPath('cifar10')).toBe(folder)
    expect((await cat.list())[1].available).toBe(true)
    expect((await cat.get('cifar10')).testHistogram.reduce((a, b) => a + b)).toBe(4)
  })

  it('downloads into the cache folder with progress events, then imports', async () => {
    const { cat, settings, events } = catalog('download')
    const direct: DownloadProgress[] = []
    const summary = await cat.download('cifar10', (p) => direct.push(p))
    expect(summary).toMatchObject({ available: true, source: join(root, 'download', 'cache', 'cifar-10-batches-bin') })
    expect(settings.paths.cifar10Path).toBe(summary.source)
    expect(events).toEqual(direct)
    expect(events.at(-1)).toMatchObject({ id: 'cifar10', phase: 'done', receivedBytes: archive.length })
  })

  it('reports a failed download as an event and an error, remembering nothing', async () => {
    const { cat, settings, events } = catalog('download-bad', 'f'.repeat(32))
    await expect(cat.download('cifar10')).rejects.toMatchObject({ code: 'download-failed' })
    expect(events.at(-1)).toMatchObject({ id: 'cifar10', phase: 'failed', message: expect.stringMatching(/md5/) })
    expect(settings.paths.cifar10Path).toBeNull()
  })
})
