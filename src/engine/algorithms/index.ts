import type { ExperimentConfig } from '../../shared/config/experiment-config'
import { assertNever } from '../../shared/worker-protocol'
import { AdaMatchStrategy } from '../../shared/algorithms/adamatch'
import { DashStrategy, dashRhoInterval, dashWarmupSteps } from '../../shared/algorithms/dash'
import { FixMatchStrategy } from '../../shared/algorithms/fixmatch'
import { FlexMatchStrategy } from '../../shared/algorithms/flexmatch'
import { FreeMatchStrategy } from '../../shared/algorithms/freematch'
import type { MaskStrategy } from '../../shared/algorithms/mask-strategy'
import { PseudoLabelStrategy } from '../../shared/algorithms/pseudolabel'
import { SoftMatchStrategy } from '../../shared/algorithms/softmatch'
import { SupervisedStrategy } from '../../shared/algorithms/supervised'
import { UdaStrategy } from '../../shared/algorithms/uda'

export interface StrategyContext {
  numClasses: number
  /** Size of the unlabeled set (per-sample state). */
  numUnlabeled: number
  /** Planned length of training (Pseudo-Label's warm-up spans a share of it). */
  totalSteps: number
}

export function createStrategy(config: ExperimentConfig, context: StrategyContext): MaskStrategy {
  const a = config.algorithm
  switch (a.name) {
    case 'fixmatch':
      // K's FixMatch thresholds softmax(logits / T); the USB algorithms below read softmax(logits).
      return new FixMatchStrategy(a.threshold)
    case 'flexmatch':
      return new FlexMatchStrategy(a.threshold, context.numClasses, context.numUnlabeled)
    case 'pseudolabel':
      return new PseudoLabelStrategy(a.threshold, a.unsupWarmup, context.totalSteps)
    case 'freematch':
      return new FreeMatchStrategy(context.numClasses, a.emaMomentum, a.fairnessWeight)
    case 'softmatch':
      return new SoftMatchStrategy(context.numClasses, a.emaMomentum, a.nSigma, a.distAlign)
    case 'dash':
      return new DashStrategy({
        temperature: a.sharpenTemperature,
        gamma: a.gamma,
        c: a.rhoC,
        rhoMin: a.rhoMin,
        warmupSteps: dashWarmupSteps(a.dashWarmup, context.totalSteps),
        rhoInterval: dashRhoInterval(context.totalSteps)
      })
    case 'adamatch':
      return new AdaMatchStrategy(context.numClasses, a.threshold, a.emaMomentum)
    case 'uda':
      return new UdaStrategy({ temperature: a.udaTemperature, cutoff: a.udaCutoff, tsaSchedule: a.tsaSchedule, numClasses: context.numClasses, totalSteps: context.totalSteps })
    case 'supervised':
    case 'fullysupervised':
      return new SupervisedStrategy(a.name, a.threshold)
    default:
      return assertNever(a.name)
  }
}
