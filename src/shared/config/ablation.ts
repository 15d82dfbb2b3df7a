// Oracle ablations (issue 27): the same run (split, seed, feed order, augmentation draws) with
// the pseudo-labels that count under the run's own rule edited by the hidden true labels, to
// measure what the wrong ones cost. A diagnostic experiment, not a method: every ablation run
// says "oracle" in its name, its session.json and the CLI's first line.
import { z } from 'zod'
import { BOUNDS } from '../algorithms/registry'

export const ABLATION_MODES = ['none', 'oracle-mask', 'oracle-correct', 'oracle-all', 'noise'] as const
export type AblationMode = (typeof ABLATION_MODES)[number]

/** The modes of "what do wrong pseudo-labels cost?": the run as configured and its two oracles. */
export const ABLATION_STUDY_MODES = ['none', 'oracle-mask', 'oracle-correct'] as const satisfies readonly AblationMode[]
export type AblationStudyMode = (typeof ABLATION_STUDY_MODES)[number]

export const AblationSchema = z.strictObject({
  mode: z.enum(ABLATION_MODES).default('none'),
  /** noise: the share of the counted pseudo-labels flipped to a random wrong class; unused otherwise. */
  noiseRate: z.number().min(0, 'noiseRate must be in [0, 1]').max(1, 'noiseRate must be in [0, 1]').default(0)
})
export type Ablation = z.infer<typeof AblationSchema>

export const NO_ABLATION: Ablation = { mode: 'none', noiseRate: 0 }

/**
 * The parts of an ExperimentConfig these helpers read, written out so experiment-config.ts (whose
 * schema checks ablationRefusal) and this file do not import each other.
 */
interface AblatableConfig {
  name: string
  dataset: { id: string }
  algorithm: { name: string }
  ablation?: Ablation
}

/** The config's ablation; configs and sessions from before issue 27 have none. */
export function ablationOf(config: Pick<AblatableConfig, 'ablation'>): Ablation {
  return config.ablation ?? NO_ABLATION
}

/** Whether the mode reads the hidden true labels of the unlabeled batch (every mode but none). */
export function isOracle(mode: AblationMode): boolean {
  return mode !== 'none'
}

/** "oracle-mask (oracle)", "noise 20% (oracle)": how names, tables and first lines say it. */
export function ablationLabel(ablation: Ablation): string {
  if (ablation.mode === 'none') return 'none'
  const mode = ablation.mode === 'noise' ? `noise ${Number((100 * ablation.noiseRate).toPrecision(3))}%` : ablation.mode
  return `${mode} (oracle)`
}

/** What each oracle mode does, for the CLI's first line and the docs. */
export const ABLATION_MEANINGS: Record<AblationMode, string> = {
  none: 'as configured',
  'oracle-mask': 'drops the wrong pseudo-labels that count from the unlabeled loss',
  'oracle-correct': 'replaces the wrong pseudo-labels that count by their true labels',
  'oracle-all': 'trains every unlabeled sample on its true label, with the rule’s own mask or weight',
  noise: 'flips a share of the pseudo-labels that count to a random wrong class'
}

/**
 * The config with `mode` (and noiseRate for noise) and a name that says "oracle"; split,
 * seed, feed order and augmentation draws stay those of the config, so runs pair by seed.
 */
export function withAblation<C extends AblatableConfig>(config: C, mode: AblationMode, noiseRate = 0): C {
  const out = structuredClone(config)
  const ablation: Ablation = { mode, noiseRate: mode === 'noise' ? noiseRate : 0 }
  out.ablation = ablation
  const base = config.name || config.dataset.id
  out.name = mode === 'none' ? base : `${base} · ${ablationLabel(ablation)}`
  return out
}

/** Why the config cannot run its ablation, or null: the bounds have no pseudo-labels to edit. */
export function ablationRefusal(config: Pick<AblatableConfig, 'ablation' | 'algorithm'>): string | null {
  const { mode } = ablationOf(config)
  if (mode === 'none') return null
  const name = config.algorithm.name
  if ((BOUNDS as readonly string[]).includes(name)) {
    return `ablation ${mode} needs pseudo-labels; ${name} trains on none (use an SSL algorithm, or ablation none)`
  }
  return null
}

/** The config as is, or, for an oracle ablation whose name does not say so, renamed by withAblation. */
export function withOracleName<C extends AblatableConfig>(config: C): C {
  const ablation = ablationOf(config)
  if (!isOracle(ablation.mode) || /oracle/i.test(config.name)) return config
  return withAblation(config, ablation.mode, ablation.noiseRate)
}
