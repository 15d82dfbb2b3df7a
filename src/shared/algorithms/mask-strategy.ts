// The masking rule as a strategy: FixMatch, FlexMatch, FreeMatch ... differ only in how
// weak-view probabilities become pseudo-labels and per-sample weights, and in their state.
// A strategy never sees the unlabeled batch's true labels: its inputs are the weak-view
// probabilities (and, for AdaMatch and Dash, the labeled batch's probabilities and labels). Every
// strategy states its rule as a PseudoLabelRule and applies it through that shared module,
// so the loss, the diagnostics, the sweeps and the browser agree on what counts.
import { counts, weightOf, type PseudoLabelRule } from '../pseudo-label-rule'

export interface MaskInput {
  /** softmax(weak logits / T) if the strategy readsTemperature, else softmax(weak logits); [n, numClasses]. */
  probs: Float32Array
  numClasses: number
  /** Positions of the batch in the unlabeled set (FlexMatch keeps per-sample state). */
  unlabeledPositions: Int32Array
  step: number
  /** The labeled batch's softmax(logits) [nx, numClasses] and labels, for strategies that readLabeled (AdaMatch, Dash). */
  labeled?: { probs: Float32Array; labels: Int32Array }
}

export interface MaskOutput {
  /** argmax of the probabilities. */
  pseudo: Int32Array
  /** max of the probabilities. */
  confidence: Float32Array
  /** Per-sample weight of the unlabeled loss (0/1 for hard thresholds). */
  weight: Float32Array
  /** 1 where the sample counts (passes the rule; for weights: full weight). */
  mask: Uint8Array
  /** The rule this step applied. */
  rule: PseudoLabelRule
  /** Soft targets [n, numClasses] for Lu instead of one-hot pseudo-labels (Dash before rho_min); pseudo stays their argmax. */
  targets?: Float32Array
  /** DeFixMatch's anti term: the labeled batch's own pseudo-labels and weights under the rule (forward 'debiased'). */
  anti?: AntiTargets
}

/** Targets of the anti term on the labeled batch's strong view (U defixmatch.py:90, 104-114). */
export interface AntiTargets {
  /** argmax of the labeled batch's softmax(logits). */
  pseudo: Int32Array
  /** The rule's weight of each labeled row (mask_lb). */
  weight: Float32Array
}

/** What a fairness loss reads: its weight on the total loss, the model's mean prediction p~ and the pseudo-label histogram h~. */
export interface FairnessTargets {
  weight: number
  pModel: number[]
  labelHist: number[]
}

/** JSON-serializable state, stored in checkpoints. */
export type StrategyState = Record<string, unknown>

/** How the step forwards the unlabeled batch. */
export type ForwardKind =
  /** One training-mode forward over [labeled | weak | strong]; loss on the strong view (FixMatch family). */
  | 'weak-strong'
  /** Labeled, then the weak view alone with BN running stats frozen; loss on the weak view (Pseudo-Label). */
  | 'weak-only'
  /** The labeled batch alone; no unlabeled batch, no unlabeled loss (the supervised bounds). */
  | 'labeled-only'
  /**
   * One training-mode forward over [labeled | labeled strong | weak | strong] (DeFixMatch): Lx is
   * the mean of both labeled views' CE, and the strong labeled view trains against the rule's own
   * labels of the labeled batch (MaskOutput.anti), subtracted from Lu.
   */
  | 'debiased'
  /**
   * Labeled, then the weak view and a second weak view (the feed draws the unlabeled batch's
   * second view with the weak augmentation for this kind, U datasetbase.py:100-102), each alone with BN's running statistics
   * frozen (Pi-Model, Mean Teacher): Lu is the mean squared error of softmax(second view) against
   * MaskOutput.targets, the weak view's softmax, read from the run's EMA weights where the
   * strategy's teacher is 'ema' (U pimodel.py:39-59, meanteacher.py:40-65).
   */
  | 'two-weak'

export interface MaskStrategy {
  /** The config's algorithm.name (a string here: the registry's names are derived from the strategies' modules). */
  readonly name: string
  /** Whether the rule reads softmax(logits / T) (K's FixMatch) or softmax(logits) (USB's algorithms). */
  readonly readsTemperature: boolean
  readonly forward: ForwardKind
  /** Whether compute() needs MaskInput.labeled (its probabilities cost a read-back). */
  readonly readsLabeled?: boolean
  /** Who forwards the weak view of a 'two-weak' step: the live model (absent), or the run's EMA weights outside the gradient (Mean Teacher). */
  readonly teacher?: 'model' | 'ema'
  compute(input: MaskInput): MaskOutput
  /** The rule the next step would apply, published with every sweep. */
  rule(): PseudoLabelRule
  /** Factor on lambda_u at this (1-based) step: an unsupervised warm-up; 1 without one. */
  unsupScale(step: number): number
  /**
   * Per-sample weights of the labeled loss from its softmax(logits) [nx, numClasses] (UDA's TSA);
   * absent or null: every labeled sample weighs 1, and the step's Lx is untouched.
   */
  labeledWeights?(probs: Float32Array, labels: Int32Array, step: number): Float32Array | null
  /**
   * FreeMatch's fairness loss (U freematch.py): its weight and the EMAs p~ and h~ it reads, taken
   * after compute(); absent: the step adds no fairness term.
   */
  fairnessTargets?(): FairnessTargets
  getState(): StrategyState
  setState(state: StrategyState): void
}

/** Weights and mask of a batch under a rule, reading each row's rule confidence. */
export function applyRule(rule: PseudoLabelRule, ruleConfidence: Float32Array, pseudo: Int32Array): { weight: Float32Array; mask: Uint8Array } {
  const n = pseudo.length
  const weight = new Float32Array(n)
  const mask = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    weight[i] = weightOf(rule, ruleConfidence[i], pseudo[i])
    mask[i] = counts(rule, ruleConfidence[i], pseudo[i]) ? 1 : 0
  }
  return { weight, mask }
}

/** A finite number from a checkpoint's strategy state, or the named error. */
export function stateNumbers(value: unknown, length: number | null, what: string): number[] {
  const list = Array.isArray(value) ? value : [value]
  if ((length !== null && (!Array.isArray(value) || list.length !== length)) || !list.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new Error(`${what}: expected ${length === null ? 'a number' : `${length} numbers`}`)
  }
  return list as number[]
}
