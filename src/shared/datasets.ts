import type { DatasetId } from './config/experiment-config'

export type DatasetSplitName = 'train' | 'test'

export interface DatasetSummary {
  id: DatasetId
  title: string
  /** Loaded and usable now. */
  available: boolean
  /** Where it comes from: 'embedded' (MNIST), or the folder/archive on disk. */
  source: string | null
  numClasses: number
  classNames: string[]
  trainSize: number
  testSize: number
  imageShape: [height: number, width: number, channels: number]
  /** Why it is unavailable (e.g. "not imported yet"). */
  detail?: string
}

export interface DatasetDetail extends DatasetSummary {
  trainHistogram: number[]
  testHistogram: number[]
}

export interface SplitSummary {
  labeledCount: number
  unlabeledCount: number
  labeledPerClass: number[]
  unlabeledPerClass: number[]
  /** Train-set indices of the labeled samples, class by class. */
  labeledIndices: number[]
}

export interface DownloadProgress {
  id: DatasetId
  receivedBytes: number
  totalBytes: number | null
  phase: 'downloading' | 'verifying' | 'extracting' | 'done' | 'failed'
  message?: string
}
