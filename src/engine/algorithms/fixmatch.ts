import { pseudoLabelsFromProbs } from '../diagnostics/sweep'
import type { MaskInput, MaskOutput, MaskStrategy, StrategyState } from './mask-strategy'

/** FixMatch: mask = max p >= threshold (K: ge), weight = mask. Stateless. */
export class FixMatchStrategy implements MaskStrategy {
  readonly name = 'fixmatch' as const

  constructor(readonly threshold: number) {}

  compute(input: MaskInput): MaskOutput {
    const { pseudoLabel: pseudo, confidence } = pseudoLabelsFromProbs(input.probs, input.numClasses)
    // Compare in float32, as PyTorch does (max_probs.ge(threshold) on a float32 tensor).
    const threshold = Math.fround(this.threshold)
    const mask = new Uint8Array(pseudo.length)
    const weight = new Float32Array(pseudo.length)
    for (let i = 0; i < pseudo.length; i++) {
      if (confidence[i] >= threshold) {
        mask[i] = 1
        weight[i] = 1
      }
    }
    return { pseudo, confidence, weight, mask }
  }

  getState(): StrategyState {
    return {}
  }

  setState(_state: StrategyState): void {}
}
