import type { DatasetId } from '../../shared/config/experiment-config'

/** Images of one split, kept as uint8 in memory: count x height x width x channels (HWC). */
export interface ImageSplit {
  images: Uint8Array
  labels: Uint8Array
  count: number
}

export interface ImageDataset {
  id: DatasetId
  title: string
  classNames: string[]
  height: number
  width: number
  channels: number
  /** Per-channel normalization, in [0, 1] units (spec/fixmatch.md). */
  mean: number[]
  std: number[]
  /** Digits: no horizontal flip in weak augmentation. */
  flipByDefault: boolean
  train: ImageSplit
  test: ImageSplit
  /** 'embedded' or the path it was read from. */
  source: string
}

/** A seeded labeled/unlabeled split, as train-set indices. */
export interface DataSplit {
  labeled: Int32Array
  unlabeled: Int32Array
}
