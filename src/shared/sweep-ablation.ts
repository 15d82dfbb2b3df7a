// What sweeps:ablation answers: an oracle-ablation sweep (its spec names ablations) read into
// the study's shared summary, with how many of its runs have measured something, and the
// dataset, so the study view names the classes of its per-class cost and confusion matrix.
import { z } from 'zod'
import { AblationStudySummarySchema } from './analysis/ablation-summary'
import { DATASET_IDS } from './config/experiment-config'

export const SweepAblationSchema = z.object({
  summary: AblationStudySummarySchema,
  /** Runs of the sweep, and how many of them have measured anything yet (the rest left out). */
  runs: z.number().int(),
  measured: z.number().int(),
  /** The training seeds the sweep runs every mode on. */
  seeds: z.array(z.number().int()),
  datasetId: z.enum(DATASET_IDS)
})
export type SweepAblation = z.infer<typeof SweepAblationSchema>
