// "What do wrong pseudo-labels cost?" from the Experiments view: the form's config (for the
// FixMatch CIFAR-10 paper preset, its first epoch) as one sweep of none, oracle-mask and
// oracle-correct on N training seeds of one split (the run queue here, Slurm the same way),
// then the Sweeps view showing the study.
import { computed, ref, type Ref } from 'vue'
import { ablationRefusal, ABLATION_STUDY_MODES, withAblation } from '../../../shared/config/ablation'
import { DEFAULT_ABLATION_SEEDS } from '../../../shared/config/ablation-study'
import { comparisonSeeds } from '../../../shared/config/algorithm-variants'
import type { ExperimentConfig } from '../../../shared/config/experiment-config'
import type { SweepSummary } from '../../../shared/sweep-view'
import { t } from '../i18n'
import { ablationStudyConfig, STUDY_STEPS } from '../lib/ablation-study-config'
import { go } from '../stores/navigation'
import { startSweepsStore, submitSweep } from '../stores/sweeps-store'
import { comparisonSweepName } from './use-algorithm-comparison'
import { useAction } from './use-action'

/** One seed gives no interval (the view says so); more than 10 is surely a typo. */
export const MAX_ABLATION_SEEDS = 10
const seeds = ref(DEFAULT_ABLATION_SEEDS)
const executor = ref<'local' | 'slurm'>('local')

/** One sweep of 3 × seeds runs; main refuses a bad config before any run starts. */
export async function startAblationStudy(config: ExperimentConfig, presetId: string, seeds: number, executor: 'local' | 'slurm' = 'local'): Promise<SweepSummary> {
  startSweepsStore()
  const study = ablationStudyConfig(withAblation(config, 'none'), presetId)
  const summary = await submitSweep({
    name: `${comparisonSweepName(config).slice(0, 60)}-ablation`,
    // The data folder is main's to set.
    config: { ...study, dataset: { id: study.dataset.id } },
    grid: { seed: comparisonSeeds(study, seeds) },
    ablations: [...ABLATION_STUDY_MODES],
    executor
  })
  go('sweeps')
  return summary
}

export function useAblationStudy(config: () => ExperimentConfig | null, presetId: Ref<string>) {
  const seedsOk = computed(() => Number.isInteger(seeds.value) && seeds.value >= 1 && seeds.value <= MAX_ABLATION_SEEDS)
  const refusal = computed(() => {
    const c = config()
    return c && ablationRefusal(withAblation(c, 'oracle-mask')) !== null ? t('ablation.action.refused') : null
  })
  const firstEpoch = computed(() => STUDY_STEPS[presetId.value] ?? null)
  const start = useAction(async () => {
    const c = config()
    if (!c || !seedsOk.value || refusal.value) return
    await startAblationStudy(c, presetId.value, seeds.value, executor.value)
  })
  return { seeds, seedsOk, executor, refusal, firstEpoch, start, max: MAX_ABLATION_SEEDS }
}
