// Pi-Model and Mean Teacher train on two weak views of each unlabeled image (U datasetbase.py:100-102,
// "x_ulb_s here is weak augmentation"): the feed's second view is then a second weak draw.
import { describe, expect, it } from 'vitest'
import { augmentBatch } from '../../../src/engine/augment/augment-batch'
import { BatchFeed, feedViews, imagesPerStep } from '../../../src/engine/train/batch-feed'
import { normalizeInto } from '../../../src/node/data/normalize'
import { splitDataset } from '../../../src/node/data/split'
import { Rng } from '../../../src/shared/rng'
import { syntheticDataset, tinyConfig } from './fixtures'

describe('BatchFeed with a second weak view', () => {
  it('draws the unlabeled batch\'s second view with the weak augmentation, in the strong view\'s place in the stream', () => {
    const dataset = syntheticDataset()
    const config = tinyConfig()
    const split = splitDataset(dataset.train.labels, 3, { labelsPerClass: config.split.labelsPerClass, seed: config.seed, excludeLabeledFromUnlabeled: false })
    const [plain, twoWeak] = [new BatchFeed(dataset, split, config), new BatchFeed(dataset, split, config)]
    const a = plain.next()
    const b = twoWeak.next({ secondWeak: true })
    expect(Array.from(b.batch.labeled)).toEqual(Array.from(a.batch.labeled))
    expect(Array.from(b.batch.weak)).toEqual(Array.from(a.batch.weak))
    expect(Array.from(b.unlabeledIndices)).toEqual(Array.from(a.unlabeledIndices))
    // The feed's augmentation stream (the fourth fork of its root), replayed: labeled weak, weak, then weak again
    // (the labeled draws consume it alike whatever the images, so any labeled indices of the right count do).
    const root = Rng.forPurpose(config.seed, 'batch-feed', twoWeak.seeding)
    root.fork()
    root.fork()
    root.fork()
    const aug = root.fork()
    const opts = { height: dataset.height, width: dataset.width, channels: dataset.channels, flip: dataset.flipByDefault, variant: config.augment.strong }
    const labeledIdx = Int32Array.from(b.batch.labels, () => 0)
    augmentBatch(dataset.train, labeledIdx, 'weak', aug, opts)
    augmentBatch(dataset.train, b.unlabeledIndices, 'weak', aug, opts)
    const second = normalizeInto(augmentBatch(dataset.train, b.unlabeledIndices, 'weak', aug, opts), dataset.mean, dataset.std, dataset.channels)
    expect(Array.from(b.batch.strong)).toEqual(Array.from(second))
    // Not the strong view the FixMatch family gets, and not a copy of the first weak view.
    expect(Array.from(b.batch.strong)).not.toEqual(Array.from(a.batch.strong))
    expect(Array.from(b.batch.strong)).not.toEqual(Array.from(b.batch.weak))
  })

  it('draws the second weak view for the two-weak forward, the labeled strong view for the debiased one, neither otherwise', () => {
    expect(feedViews({ forward: 'two-weak' })).toEqual({ labeledStrong: false, secondWeak: true })
    expect(feedViews({ forward: 'debiased' })).toEqual({ labeledStrong: true, secondWeak: false })
    for (const forward of ['weak-strong', 'weak-only', 'labeled-only'] as const) expect(feedViews({ forward })).toEqual({ labeledStrong: false, secondWeak: false })
  })

  it('counts the images each forward kind feeds a step: Pseudo-Label one unlabeled view, the bounds none, DeFixMatch a labeled strong view', () => {
    const batch = { labeled: 16, mu: 7 }
    expect(imagesPerStep(batch, 'weak-strong')).toBe(16 * 15)
    expect(imagesPerStep(batch, 'two-weak')).toBe(16 * 15)
    expect(imagesPerStep(batch, 'debiased')).toBe(16 * 16)
    expect(imagesPerStep({ labeled: 16, mu: 1 }, 'weak-only')).toBe(32)
    expect(imagesPerStep(batch, 'labeled-only')).toBe(16)
  })
})
