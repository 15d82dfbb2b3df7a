// An oracle-ablation study's figures (from sweeps:ablation or a headless study's folder): the
// charts' options, the table rows and the words, computed from the pure builders.
import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ABLATION_MODES, type AblationMode } from '../../../shared/config/ablation'
import type { SweepAblation } from '../../../shared/sweep-ablation'
import { chartText } from '../i18n/chart-text'
import { confusionOption } from '../lib/analysis-options'
import { costLegend, costOption, modeBandsOption, perClassOption, type ModeLabels } from '../lib/ablation-options'
import { ablationRows, ablationVerdictText, costliestClasses, signedPoints } from '../lib/ablation-text'
import { classNamesOf } from '../stores/class-names'
import { darkMode } from './use-theme'

export function useAblationStudyView(data: Ref<SweepAblation | null>) {
  const { t, locale } = useI18n()
  const labels = computed<ModeLabels>(() => {
    void locale.value
    return Object.fromEntries(ABLATION_MODES.map((m) => [m, t(`ablation.mode.${m}`)])) as Record<AblationMode, string>
  })
  const names = computed(() => (data.value ? classNamesOf(data.value.datasetId) : []))
  const summary = computed(() => data.value?.summary ?? null)
  const maskCost = computed(() => summary.value?.costs.find((c) => c.mode === 'oracle-mask') ?? null)
  const bands = computed(() => (summary.value && summary.value.modes.length > 0 ? modeBandsOption(summary.value.modes, labels.value, darkMode.value, chartText()) : null))
  const cost = computed(() => (summary.value && maskCost.value ? costOption(maskCost.value, summary.value, darkMode.value, chartText()) : null))
  const costNames = computed(() => {
    void locale.value
    return costLegend(chartText())
  })
  const perClass = computed(() => (maskCost.value?.perClass?.some((v) => v !== null && v !== 0) ? perClassOption(maskCost.value.perClass, names.value, darkMode.value, chartText()) : null))
  const confusionTotal = computed(() => summary.value?.confidentWrongConfusion?.flat().reduce((a, b) => a + b, 0) ?? null)
  const confusion = computed(() => (summary.value?.confidentWrongConfusion && confusionTotal.value ? confusionOption(summary.value.confidentWrongConfusion, names.value, darkMode.value, chartText()) : null))
  const costliest = computed(() => (summary.value ? costliestClasses(summary.value, names.value).map((c) => `${c.name} (${signedPoints(c.cost, locale.value)})`) : []))
  const rows = computed(() => (summary.value ? ablationRows(summary.value, labels.value, locale.value) : []))
  const verdict = computed(() => (summary.value && data.value ? ablationVerdictText(summary.value, data.value.seeds.length, t, locale.value) : []))
  return { data, labels, summary, maskCost, bands, cost, costNames, perClass, confusion, confusionTotal, costliest, rows, verdict }
}
