// One entry point for every dataset id. Loaded datasets are cached per (id, resolved path):
// CIFAR-10 is 150 MB as uint8, so a process reads each once.
import { resolve } from 'node:path'
import type { DatasetId } from '../../shared/config/experiment-config'
import { AppError } from '../../shared/errors'
import { CIFAR_LAYOUTS, loadCifar } from './cifar'
import { loadMnist } from './mnist'
import type { ImageDataset } from './types'

export interface LoadDatasetOptions {
  /** CIFAR: the extracted folder, its parent, or the official .tar.gz. Unused for MNIST. */
  dataDir?: string
}

const cache = new Map<string, Promise<ImageDataset>>()

export function loadDataset(id: DatasetId, opts: LoadDatasetOptions = {}): Promise<ImageDataset> {
  if (id === 'mnist') {
    try {
      return Promise.resolve(loadMnist())
    } catch (error) {
      return Promise.reject(error)
    }
  }
  const layout = CIFAR_LAYOUTS[id]
  if (!opts.dataDir) {
    return Promise.reject(
      new AppError(
        'dataset-unavailable',
        `${layout.title} is not on this machine: import the ${layout.folder}/ folder or ${layout.archive} in the Datasets view, download it there, or set dataset.dataDir`
      )
    )
  }
  const key = `${id}\0${resolve(opts.dataDir)}`
  let pending = cache.get(key)
  if (!pending) {
    pending = loadCifar(id, resolve(opts.dataDir))
    cache.set(key, pending)
    // A failed load is not cached: the user may fix the files and retry.
    pending.catch(() => cache.delete(key))
  }
  return pending
}

/** Drops cached datasets (all, or one id) so memory can be reclaimed. */
export function clearDatasetCache(id?: DatasetId): void {
  for (const key of [...cache.keys()]) if (!id || key.startsWith(`${id}\0`)) cache.delete(key)
}
