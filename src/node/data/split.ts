// The labeled/unlabeled split, as in K's x_u_split: labels per class drawn without
// replacement by the seeded generator; the unlabeled set is the whole train set by default.
import { AppError } from '../../shared/errors'
import { Rng, type SeedingVersion } from '../../shared/rng'
import type { DataSplit } from './types'

export interface SplitOptions {
  labelsPerClass: number
  seed: number
  excludeLabeledFromUnlabeled: boolean
  /** How the seed becomes the split's generator; default: the current rule. */
  seeding?: SeedingVersion
}

/** Train indices grouped by class (ascending within each class). */
export function indicesByClass(labels: Uint8Array, numClasses: number): number[][] {
  const byClass: number[][] = Array.from({ length: numClasses }, () => [])
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]
    if (label >= numClasses) {
      throw new AppError('dataset-corrupt', `train label ${label} at index ${i} is not below ${numClasses} classes`)
    }
    byClass[label].push(i)
  }
  return byClass
}

/** Same labels, class count, options -> the same split, always. Labeled indices come class by class. */
export function splitDataset(labels: Uint8Array, numClasses: number, opts: SplitOptions): DataSplit {
  if (!Number.isInteger(opts.labelsPerClass) || opts.labelsPerClass < 1) {
    throw new AppError('invalid-config', `labels per class must be a positive integer, got ${opts.labelsPerClass}`)
  }
  const rng = Rng.forPurpose(opts.seed, 'split', opts.seeding)
  const byClass = indicesByClass(labels, numClasses)
  const labeled = new Int32Array(numClasses * opts.labelsPerClass)
  byClass.forEach((members, cls) => {
    if (members.length < opts.labelsPerClass) {
      throw new AppError(
        'invalid-config',
        `class ${cls} has ${members.length} training images, fewer than the ${opts.labelsPerClass} labels per class asked`
      )
    }
    labeled.set(rng.sample(members, opts.labelsPerClass), cls * opts.labelsPerClass)
  })
  let unlabeled: Int32Array
  if (opts.excludeLabeledFromUnlabeled) {
    const taken = new Uint8Array(labels.length)
    for (const index of labeled) taken[index] = 1
    unlabeled = new Int32Array(labels.length - labeled.length)
    let k = 0
    for (let i = 0; i < labels.length; i++) if (!taken[i]) unlabeled[k++] = i
  } else {
    unlabeled = Int32Array.from({ length: labels.length }, (_, i) => i)
  }
  return { labeled, unlabeled }
}

/**
 * K's expand_labels: tile the labeled list ceil(batchSize * evalInterval / n) times, then
 * shuffle, so one pass covers about one evaluation interval of labeled batches.
 */
export function expandLabeled(labeled: Int32Array, batchSize: number, evalInterval: number, rng: Rng): Int32Array {
  if (labeled.length === 0) throw new AppError('invalid-config', 'the labeled set is empty')
  const copies = Math.ceil((batchSize * evalInterval) / labeled.length)
  const out = new Int32Array(labeled.length * copies)
  for (let k = 0; k < copies; k++) out.set(labeled, k * labeled.length)
  return rng.shuffle(out)
}
