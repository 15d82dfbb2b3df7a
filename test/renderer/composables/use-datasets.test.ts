// The Datasets view's loaders and actions, against the real contract unwrap.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick } from 'vue'
import type { DatasetSummary } from '../../../src/shared/datasets'
import { AppError } from '../../../src/shared/errors'
import { calls, deferred, emit, handlers, reset } from '../fake-api'
import { useDatasetImport } from '../../../src/renderer/src/composables/use-dataset-import'
import { useDatasetSplit } from '../../../src/renderer/src/composables/use-dataset-split'
import { useDatasets } from '../../../src/renderer/src/composables/use-datasets'

vi.mock('../../../src/renderer/src/api/client', () => import('../fake-api'))

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await nextTick()
}
const summary = (id: DatasetSummary['id'], available: boolean, source: string | null = null): DatasetSummary => ({
  id,
  title: id,
  available,
  source,
  numClasses: 10,
  classNames: [],
  trainSize: 0,
  testSize: 0,
  imageShape: [28, 28, 1]
})
const channelCalls = (channel: string): unknown[] => calls.filter((c) => c.channel === channel).map((c) => c.payload)

describe('useDatasets', () => {
  afterEach(reset)

  it('selects the first available dataset and loads its detail and samples', async () => {
    handlers.set('datasets:list', () => [summary('cifar10', false), summary('mnist', true, 'embedded')])
    handlers.set('datasets:get', (p) => ({ ...summary('mnist', true, 'embedded'), ...(p as object) }))
    handlers.set('datasets:samples', () => ({ indices: [1, 2], labels: [3, 4] }))
    const view = effectScope().run(() => useDatasets())!
    await view.loadList()
    await flush()
    expect(view.selected.value).toBe('mnist')
    expect(channelCalls('datasets:get')).toEqual([{ id: 'mnist' }])
    expect(channelCalls('datasets:samples')).toEqual([{ id: 'mnist', split: 'train', offset: 0, limit: 48 }])
    expect(view.samples.data.value).toEqual({ indices: [1, 2], labels: [3, 4] })
  })

  it("reloads the selected dataset's own detail once it is imported, and never shows another's", async () => {
    let imported = false
    handlers.set('datasets:list', () => [summary('cifar10', imported, imported ? '/data/cifar-10' : null)])
    handlers.set('datasets:get', () => summary('cifar10', true, '/data/cifar-10'))
    handlers.set('datasets:samples', () => ({ indices: [], labels: [] }))
    const view = effectScope().run(() => useDatasets())!
    await view.loadList()
    await flush()
    expect(channelCalls('datasets:get')).toEqual([])
    imported = true
    await view.loadList()
    await flush()
    expect(channelCalls('datasets:get')).toEqual([{ id: 'cifar10' }])
    expect(view.detail.data.value?.source).toBe('/data/cifar-10')
  })

  it('shows a failed catalog as its coded error', async () => {
    handlers.set('datasets:list', () => {
      throw new AppError('io-error', 'EACCES')
    })
    const view = effectScope().run(() => useDatasets())!
    await view.loadList()
    expect(view.list.error.value).toEqual({ code: 'io-error', message: 'EACCES' })
    expect(view.selected.value).toBeNull()
  })
})

describe('useDatasetSplit', () => {
  afterEach(reset)

  it('asks main for the split as the numbers change, and not for numbers that cannot be one', async () => {
    handlers.set('datasets:split', (p) => ({ echo: p }))
    const split = effectScope().run(() => useDatasetSplit(() => 'mnist'))!
    await flush()
    split.labelsPerClass.value = 0
    await flush()
    split.seed.value = 1.5
    await flush()
    split.labelsPerClass.value = 4
    split.seed.value = 3
    split.exclude.value = true
    await flush()
    expect(channelCalls('datasets:split')).toEqual([
      { id: 'mnist', labelsPerClass: 10, seed: 1, excludeLabeledFromUnlabeled: false },
      { id: 'mnist', labelsPerClass: 4, seed: 3, excludeLabeledFromUnlabeled: true }
    ])
  })
})

describe('useDatasetImport', () => {
  afterEach(reset)

  it("shows this dataset's download progress only, and reports a change when the import lands", async () => {
    const gate = deferred<DatasetSummary>()
    handlers.set('datasets:download', () => gate.promise)
    let changed = 0
    const scope = effectScope()
    const imp = scope.run(() => useDatasetImport(() => summary('cifar10', false), () => changed++))!
    const running = imp.action.run('download')
    emit('datasets:download-progress', { id: 'cifar100', receivedBytes: 5, totalBytes: 10, phase: 'downloading' })
    expect(imp.progress.value).toBeNull()
    emit('datasets:download-progress', { id: 'cifar10', receivedBytes: 5, totalBytes: 10, phase: 'downloading' })
    expect(imp.progress.value?.receivedBytes).toBe(5)
    expect(imp.action.busy.value).toBe(true)
    gate.resolve(summary('cifar10', true, '/x'))
    await running
    expect(changed).toBe(1)
    scope.stop()
    emit('datasets:download-progress', { id: 'cifar10', receivedBytes: 9, totalBytes: 10, phase: 'downloading' })
    expect(imp.progress.value?.receivedBytes).toBe(5)
  })

  it('keeps a cancelled import quiet and a failed one as its error', async () => {
    handlers.set('datasets:import', () => null)
    let changed = 0
    const imp = effectScope().run(() => useDatasetImport(() => summary('cifar10', false), () => changed++))!
    await imp.action.run('import')
    expect(changed).toBe(0)
    expect(imp.action.error.value).toBeNull()
    handlers.set('datasets:import', () => {
      throw new AppError('dataset-corrupt', 'data_batch_3.bin: 30729 bytes')
    })
    await imp.action.run('import')
    expect(imp.action.error.value).toEqual({ code: 'dataset-corrupt', message: 'data_batch_3.bin: 30729 bytes' })
  })
})
