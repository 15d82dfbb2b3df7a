// The selected sweep's oracle-ablation study (sweeps:ablation), refreshed as its runs step on.
import type { SweepDetail } from '../../../shared/sweep-view'
import { api } from '../api/client'
import { useAblationStudyView } from './use-ablation-study-view'
import { useSweepRead } from './use-sweep-read'

export function useSweepAblation(detail: () => SweepDetail | null) {
  const loader = useSweepRead(detail, (d) => !!d.manifest.spec.ablations, (sweepId) => api.sweeps.ablation({ sweepId }))
  return { loader, ...useAblationStudyView(loader.data) }
}
