// The one definition of "this pseudo-label counts" (issue 13): the loss, the per-step
// diagnostics, the full sweeps, the browser's filters and the analysis panels all ask this
// module. An algorithm publishes its effective rule at every step and sweep:
//   threshold        FixMatch, Pseudo-Label, UDA: confidence >= tau (AdaMatch: aligned; Dash: exp(-loss))
//   class-thresholds FlexMatch, FreeMatch: confidence >= tau[pseudo-label]
//   weights          SoftMatch: a truncated Gaussian below the EMA mean of the confidence
// Each algorithm's rule kind, soft targets and starting threshold are in its definition
// (shared/algorithms; ALGORITHM_RULE_KIND, softTargets and configThreshold in registry.ts).
// Soft targets (UDA always, Dash until rho_min, Pi-Model and Mean Teacher always): the pseudo-label
// is the target's argmax and "counts" follows the algorithm's own mask: UDA's max p >= p_cutoff,
// Dash's loss against its soft target <= rho; Pi-Model and Mean Teacher have none, a threshold at 0
// that every sample passes (every target trains).
// Comparisons happen in float32, as on the tensor side: a confidence of exactly 0.95f passes 0.95.
import { z } from 'zod'

const unit = z.number().min(0).max(1)

export const PseudoLabelRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('threshold'),
    threshold: unit,
    /** AdaMatch: per-class factors (p_target + 1e-6) / (p_model + 1e-6); the rule reads max of the aligned probabilities. */
    alignment: z.array(z.number().positive()).optional(),
    /** Dash's soft phase: T; the rule reads exp(-CE(p, softmax(log p / T))), so >= exp(-rho) is Dash's loss <= rho. */
    sharpen: z.number().positive().optional()
  }),
  z.strictObject({ kind: z.literal('class-thresholds'), thresholds: z.array(unit).min(1) }),
  z.strictObject({
    kind: z.literal('weights'),
    /** EMA of the batch mean of the (aligned) confidence: weight 1 at or above it. */
    mean: z.number(),
    /** EMA of the batch's unbiased variance of the confidence. */
    variance: z.number().positive(),
    nSigma: z.number().positive(),
    /**
     * Per-class factors of uniform distribution alignment, (1/C + 1e-6) / (p_model + 1e-6):
     * the weight reads max of the aligned probabilities. null: no alignment.
     */
    alignment: z.array(z.number().positive()).nullable()
  })
])
export type PseudoLabelRule = z.infer<typeof PseudoLabelRuleSchema>
export type RuleKind = PseudoLabelRule['kind']

/** The threshold a sample with this pseudo-label must reach; null for weight rules. */
export function thresholdOf(rule: PseudoLabelRule, label: number): number | null {
  if (rule.kind === 'threshold') return rule.threshold
  if (rule.kind === 'class-thresholds') return rule.thresholds[label] ?? null
  return null
}

/** The weight of the unlabeled loss for one sample: 0 or 1 for thresholds, (0, 1] for weights. */
export function weightOf(rule: PseudoLabelRule, confidence: number, label: number): number {
  if (rule.kind === 'weights') {
    const below = Math.min(confidence - rule.mean, 0)
    return Math.exp(-(below * below) / ((2 * rule.variance) / (rule.nSigma * rule.nSigma)))
  }
  const t = thresholdOf(rule, label)
  return t !== null && confidence >= Math.fround(t) ? 1 : 0
}

/**
 * Whether the sample counts as used: passes the threshold, or for weights gets full weight
 * (confidence at or above the EMA mean). The browser's confident-wrong filter is this and wrong.
 */
export function counts(rule: PseudoLabelRule, confidence: number, label: number): boolean {
  if (rule.kind === 'weights') return confidence >= rule.mean
  return weightOf(rule, confidence, label) === 1
}

/** "mask rate" for thresholds, "mean weight" for weights: what the UI and CLI call the used fraction. */
export function usedFractionName(kind: RuleKind): 'maskRate' | 'meanWeight' {
  return kind === 'weights' ? 'meanWeight' : 'maskRate'
}

/**
 * The confidence each row's rule reads, from N x C probabilities: max p, or for aligned
 * weights max of p * alignment renormalized (SoftMatch's DistAlignEMAHook, uniform target).
 */
export function ruleConfidences(rule: PseudoLabelRule, probs: Float32Array, numClasses: number): Float32Array {
  const n = probs.length / numClasses
  const out = new Float32Array(n)
  const align = rule.kind === 'class-thresholds' ? null : (rule.alignment ?? null)
  const sharpen = rule.kind === 'threshold' ? rule.sharpen : undefined
  if (sharpen !== undefined) return sharpenedLossConfidences(probs, numClasses, sharpen)
  for (let i = 0; i < n; i++) {
    const row = i * numClasses
    let best = 0
    let sum = 0
    for (let c = 0; c < numClasses; c++) {
      const p = align ? probs[row + c] * align[c] : probs[row + c]
      sum += p
      if (p > best) best = p
    }
    out[i] = align ? best / sum : best
  }
  return out
}

/** Per row exp(sum_c q_c log p_c), q = p^(1/T) normalized: exp(-Dash's soft-label loss). */
function sharpenedLossConfidences(probs: Float32Array, numClasses: number, temperature: number): Float32Array {
  const n = probs.length / numClasses
  const out = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    const row = i * numClasses
    let top = 0
    for (let c = 0; c < numClasses; c++) top = Math.max(top, probs[row + c])
    let sum = 0
    let dot = 0
    for (let c = 0; c < numClasses; c++) {
      const p = Math.max(probs[row + c], 1e-38)
      const q = Math.pow(p / top, 1 / temperature)
      sum += q
      dot += q * Math.log(p)
    }
    out[i] = Math.exp(dot / sum)
  }
  return out
}

/** What the rule used of a set of pseudo-labels: the sum of weights, and of weights on right ones. */
export interface RuleUse {
  samples: number
  /** Sum of weights (the masked count for thresholds). */
  used: number
  usedCorrect: number
  /** Samples that count (see counts()). */
  counted: number
}

export function ruleUse(rule: PseudoLabelRule, confidence: ArrayLike<number>, pseudo: ArrayLike<number>, correct: ArrayLike<number>): RuleUse {
  let used = 0
  let usedCorrect = 0
  let counted = 0
  for (let i = 0; i < pseudo.length; i++) {
    const w = weightOf(rule, confidence[i], pseudo[i])
    used += w
    if (correct[i]) usedCorrect += w
    if (counts(rule, confidence[i], pseudo[i])) counted++
  }
  return { samples: pseudo.length, used, usedCorrect, counted }
}

/** maskRate (mean weight), plAccMasked (weighted), confidentWrong (weight on wrong ones). */
export function useSummary(use: RuleUse): { maskRate: number; plAccMasked: number | null; confidentWrong: number } {
  return {
    maskRate: use.samples > 0 ? use.used / use.samples : 0,
    plAccMasked: use.used > 0 ? use.usedCorrect / use.used : null,
    confidentWrong: use.used - use.usedCorrect
  }
}
