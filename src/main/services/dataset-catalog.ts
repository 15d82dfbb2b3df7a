// The datasets the app knows: MNIST (embedded) always; CIFAR-10/100 once a folder or archive
// was imported or downloaded. Holds no Electron import: main, the e2e harness and the tests
// construct it with plain objects.
import { resolve } from 'node:path'
import type { DatasetSamplesPage, InvokeRequest } from '../../shared/contract'
import { DATASET_IDS, NUM_CLASSES, type DatasetId } from '../../shared/config/experiment-config'
import type { DatasetDetail, DatasetSummary, DownloadProgress, SplitSummary } from '../../shared/datasets'
import { AppError } from '../../shared/errors'
import { CIFAR_LAYOUTS, type CifarId } from '../../node/data/cifar'
import { downloadCifar, type DownloadOptions } from '../../node/data/download'
import { loadDataset as engineLoadDataset, type LoadDatasetOptions } from '../../node/data/registry'
import { indicesByClass, splitDataset } from '../../node/data/split'
import type { ImageDataset } from '../../node/data/types'
import type { EventSink } from '../ipc/handler-types'

/** Where imported CIFAR paths are remembered (the settings service). */
export interface DatasetPathSettings {
  get(): { cifar10Path: string | null; cifar100Path: string | null }
  /** Persist a path; without it the catalog remembers imports for this process only. */
  setDatasetPath?(id: CifarId, path: string): unknown
}

export interface DatasetCatalogDeps {
  /** Downloads are extracted here (e.g. <cacheDir>/cifar-10-batches-bin). */
  cacheDir: string
  settings: DatasetPathSettings
  /** Receives 'datasets:download-progress'. */
  events?: EventSink
  /** Injectable for tests; default: the engine's registry and downloader. */
  loadDataset?: (id: DatasetId, opts: LoadDatasetOptions) => Promise<ImageDataset>
  download?: (id: CifarId, opts: DownloadOptions) => Promise<string>
}

const isCifar = (id: DatasetId): id is CifarId => id !== 'mnist'

function histogram(labels: Uint8Array, numClasses: number): number[] {
  const out = new Array<number>(numClasses).fill(0)
  for (const label of labels) out[label]++
  return out
}

function summarize(ds: ImageDataset): DatasetSummary {
  return {
    id: ds.id,
    title: ds.title,
    available: true,
    source: ds.source,
    numClasses: ds.classNames.length,
    classNames: [...ds.classNames],
    trainSize: ds.train.count,
    testSize: ds.test.count,
    imageShape: [ds.height, ds.width, ds.channels]
  }
}

function unavailable(id: CifarId, source: string | null, detail: string): DatasetSummary {
  return {
    id,
    title: CIFAR_LAYOUTS[id].title,
    available: false,
    source,
    numClasses: NUM_CLASSES[id],
    classNames: [],
    trainSize: 0,
    testSize: 0,
    imageShape: [32, 32, 3],
    detail
  }
}

export class DatasetCatalog {
  private readonly load: (id: DatasetId, opts: LoadDatasetOptions) => Promise<ImageDataset>
  private readonly fetchArchive: (id: CifarId, opts: DownloadOptions) => Promise<string>
  /** Imports of this process, ahead of the settings (which may not persist them). */
  private readonly imported = new Map<CifarId, string>()
  private readonly downloading = new Set<CifarId>()

  constructor(private readonly deps: DatasetCatalogDeps) {
    this.load = deps.loadDataset ?? engineLoadDataset
    this.fetchArchive = deps.download ?? downloadCifar
  }

  /** The imported folder or archive of a CIFAR dataset (for a run's dataset.dataDir), or null. */
  dataPath(id: CifarId): string | null {
    const stored = this.deps.settings.get()
    return this.imported.get(id) ?? (id === 'cifar10' ? stored.cifar10Path : stored.cifar100Path) ?? null
  }

  /** The loaded dataset, for other services (runs, images). */
  getDataset(id: DatasetId): Promise<ImageDataset> {
    if (!isCifar(id)) return this.load(id, {})
    return this.load(id, { dataDir: this.dataPath(id) ?? undefined })
  }

  async list(): Promise<DatasetSummary[]> {
    return Promise.all(DATASET_IDS.map((id) => this.summary(id)))
  }

  private async summary(id: DatasetId): Promise<DatasetSummary> {
    if (!isCifar(id)) return summarize(await this.getDataset(id))
    const path = this.dataPath(id)
    const layout = CIFAR_LAYOUTS[id]
    if (!path) {
      return unavailable(id, null, `not imported yet: choose ${layout.archive} or the extracted ${layout.folder}/ folder, or download it`)
    }
    try {
      return summarize(await this.getDataset(id))
    } catch (error) {
      return unavailable(id, path, error instanceof Error ? error.message : String(error))
    }
  }

  async get(id: DatasetId): Promise<DatasetDetail> {
    const ds = await this.getDataset(id)
    const numClasses = ds.classNames.length
    return { ...summarize(ds), trainHistogram: histogram(ds.train.labels, numClasses), testHistogram: histogram(ds.test.labels, numClasses) }
  }

  async split(request: InvokeRequest<'datasets:split'>): Promise<SplitSummary> {
    const ds = await this.getDataset(request.id)
    const numClasses = ds.classNames.length
    const { labeled, unlabeled } = splitDataset(ds.train.labels, numClasses, request)
    const labelsOf = (indices: Int32Array): Uint8Array => Uint8Array.from(indices, (i) => ds.train.labels[i])
    return {
      labeledCount: labeled.length,
      unlabeledCount: unlabeled.length,
      labeledPerClass: histogram(labelsOf(labeled), numClasses),
      unlabeledPerClass: histogram(labelsOf(unlabeled), numClasses),
      labeledIndices: Array.from(labeled)
    }
  }

  async samples(request: InvokeRequest<'datasets:samples'>): Promise<DatasetSamplesPage> {
    const ds = await this.getDataset(request.id)
    const split = ds[request.split]
    const start = Math.min(Math.max(0, Math.floor(request.offset)), split.count)
    const end = Math.min(split.count, start + Math.max(0, Math.floor(request.limit)))
    const indices = Array.from({ length: end - start }, (_, k) => start + k)
    return { total: split.count, indices, labels: indices.map((i) => split.labels[i]) }
  }

  /** Validates by loading; only a path that loads is remembered. */
  async import(id: CifarId, path: string): Promise<DatasetSummary> {
    const absolute = resolve(path)
    const ds = await this.load(id, { dataDir: absolute })
    // Fail early on a folder whose labels would break every split.
    indicesByClass(ds.train.labels, ds.classNames.length)
    this.imported.set(id, absolute)
    await this.deps.settings.setDatasetPath?.(id, absolute)
    return summarize(ds)
  }

  /** Downloads the official archive into the cache folder, then imports it. */
  async download(id: CifarId, onProgress?: (progress: DownloadProgress) => void): Promise<DatasetSummary> {
    if (this.downloading.has(id)) throw new AppError('conflict', `${CIFAR_LAYOUTS[id].title} is already downloading`)
    this.downloading.add(id)
    const report = (progress: DownloadProgress): void => {
      onProgress?.(progress)
      this.deps.events?.('datasets:download-progress', progress)
    }
    try {
      const folder = await this.fetchArchive(id, {
        targetDir: this.deps.cacheDir,
        onProgress: (p) => report({ id, ...p })
      })
      return await this.import(id, folder)
    } catch (error) {
      report({ id, receivedBytes: 0, totalBytes: null, phase: 'failed', message: error instanceof Error ? error.message : String(error) })
      throw error
    } finally {
      this.downloading.delete(id)
    }
  }
}
