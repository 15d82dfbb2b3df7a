// A full eval-mode pass over the entire unlabeled set (EMA model when enabled), turned into
// a SweepRecord by the diagnostics module.
import type { SweepRecord } from '../../shared/metrics'
import type { DataSplit, ImageDataset } from '../data/types'
import { computeSweep } from '../diagnostics/sweep'
import type { SslModel } from '../models/types'
import type { ParamEma } from './ema'
import { predictProbs } from './evaluate'
import type { ExperimentConfig } from '../../shared/config/experiment-config'

export interface SweepParts {
  config: ExperimentConfig
  dataset: ImageDataset
  split: DataSplit
  model: SslModel
  ema: ParamEma | null
  step: number
}

export async function runSweep(parts: SweepParts): Promise<SweepRecord> {
  const { config, dataset, split, model, ema } = parts
  const predict = (): Promise<Float32Array> => predictProbs(model, dataset, split.unlabeled, config.algorithm.temperature)
  const probs = ema ? await ema.withEmaWeightsAsync(predict) : await predict()
  return computeSweep({
    probs,
    trueLabel: Int32Array.from(split.unlabeled, (i) => dataset.train.labels[i]),
    threshold: config.algorithm.threshold,
    numClasses: model.options.numClasses,
    step: parts.step,
    model: ema ? 'ema' : 'raw',
    time: Date.now()
  })
}
