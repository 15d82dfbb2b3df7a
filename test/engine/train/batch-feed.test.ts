// The batch feed's views: a strong view of the labeled batch only where the strategy asks for
// it (DeFixMatch), drawn last in the step so the views every algorithm shares are unchanged.
import { describe, expect, it } from 'vitest'
import { BatchFeed } from '../../../src/engine/train/batch-feed'
import { splitDataset } from '../../../src/node/data/split'
import { syntheticDataset, tinyConfig } from './fixtures'

function feed(): BatchFeed {
  const dataset = syntheticDataset()
  const config = tinyConfig()
  const split = splitDataset(dataset.train.labels, 3, { labelsPerClass: config.split.labelsPerClass, seed: config.seed, excludeLabeledFromUnlabeled: false })
  return new BatchFeed(dataset, split, config)
}

describe('BatchFeed views', () => {
  it('adds a strong labeled view on request, leaving the step\'s other views and every draw of samples as they were', () => {
    const [plain, debiased] = [feed(), feed()]
    const a = plain.next()
    const b = debiased.next({ labeledStrong: true })
    expect(a.batch.labeledStrong).toBeUndefined()
    expect(b.batch.labeledStrong?.length).toBe(b.batch.labeled.length)
    expect(Array.from(b.batch.labeled)).toEqual(Array.from(a.batch.labeled))
    expect(Array.from(b.batch.weak)).toEqual(Array.from(a.batch.weak))
    expect(Array.from(b.batch.strong)).toEqual(Array.from(a.batch.strong))
    // A strong augmentation of the same labeled images, not a copy of their weak view.
    expect(Array.from(b.batch.labeledStrong ?? [])).not.toEqual(Array.from(b.batch.labeled))
    // The samplers draw from their own streams: the same images and labels step after step.
    for (let i = 0; i < 3; i++) {
      const [x, y] = [plain.next(), debiased.next({ labeledStrong: true })]
      expect(Array.from(y.batch.labels)).toEqual(Array.from(x.batch.labels))
      expect(Array.from(y.unlabeledIndices)).toEqual(Array.from(x.unlabeledIndices))
    }
  })
})
