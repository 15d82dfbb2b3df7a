// A full eval-mode pass over the entire unlabeled set (EMA model when enabled), turned into
// a SweepRecord by the diagnostics module.
import type { SweepRecord } from '../../shared/metrics'
import type { DataSplit, ImageDataset } from '../../node/data/types'
import { pseudoLabelsFromProbs } from '../../shared/algorithms/pseudo-labels'
import { computeSweep } from '../diagnostics/sweep'
import type { MaskStrategy } from '../../shared/algorithms/mask-strategy'
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
  strategy: MaskStrategy
  step: number
}

/** The sweep's summary, plus every unlabeled sample's pseudo-label and confidence from it. */
export interface SweepResult {
  record: SweepRecord
  pseudoLabel: Int32Array
  confidence: Float32Array
}

export async function runSweep(parts: SweepParts): Promise<SweepResult> {
  const { config, dataset, split, model, ema, strategy } = parts
  // The probabilities the rule reads in training: softmax(logits / T) only for FixMatch.
  const temperature = strategy.readsTemperature ? config.algorithm.temperature : 1
  const predict = (): Promise<Float32Array> => predictProbs(model, dataset, split.unlabeled, temperature)
  const probs = ema ? await ema.withEmaWeightsAsync(predict) : await predict()
  const numClasses = model.options.numClasses
  const record = computeSweep({
    probs,
    trueLabel: Int32Array.from(split.unlabeled, (i) => dataset.train.labels[i]),
    rule: strategy.rule(),
    numClasses,
    step: parts.step,
    model: ema ? 'ema' : 'raw',
    time: Date.now()
  })
  return { record, ...pseudoLabelsFromProbs(probs, numClasses) }
}
