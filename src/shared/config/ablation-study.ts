// "What do wrong pseudo-labels cost?" as a plan: the modes none, oracle-mask and
// oracle-correct, each on N training seeds of one config (one split), one session per mode
// and seed. The headless study writes it to OUT/ablation-study.json so --resume knows every
// run; the runs' folders are OUT/<mode>/seed-<s>, as --compare-algorithms lays out algorithms.
import { z } from 'zod'
import { ABLATION_MODES, ABLATION_STUDY_MODES, withAblation, type AblationMode } from './ablation'
import { comparisonSeeds } from './algorithm-variants'
import { ExperimentConfigSchema, type ExperimentConfig } from './experiment-config'

export const ABLATION_STUDY_FILE = 'ablation-study.json'
/** Training seeds a study runs by default. */
export const DEFAULT_ABLATION_SEEDS = 3

export const AblationStudyPlanSchema = z.strictObject({
  kind: z.literal('ablation-study'),
  modes: z.array(z.enum(ABLATION_MODES)).min(1),
  seeds: z.array(z.number().int().min(0)).min(1),
  /** The config every run starts from (its own mode is set per run). */
  config: ExperimentConfigSchema
})
export type AblationStudyPlan = z.infer<typeof AblationStudyPlanSchema>

export interface AblationStudyRun {
  mode: AblationMode
  seed: number
  config: ExperimentConfig
  /** Relative to the study folder: <mode>/seed-<s>. */
  folder: string
}

export function ablationStudyPlan(config: ExperimentConfig, seeds: number = DEFAULT_ABLATION_SEEDS): AblationStudyPlan {
  return { kind: 'ablation-study', modes: [...ABLATION_STUDY_MODES], seeds: comparisonSeeds(config, seeds), config: withAblation(config, 'none') }
}

/** Seed-major, so a study cut short still pairs every mode on its first seeds. */
export function ablationStudyRuns(plan: AblationStudyPlan): AblationStudyRun[] {
  return plan.seeds.flatMap((seed) =>
    plan.modes.map((mode) => {
      const config = withAblation({ ...plan.config, seed }, mode)
      return { mode, seed, config: { ...config, name: `${config.name} · seed ${seed}` }, folder: `${mode}/seed-${seed}` }
    })
  )
}
