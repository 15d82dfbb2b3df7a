// A run's learning-rate schedule, as recorded in each session segment, so a run can be
// reproduced from its folder. totalSteps is the schedule's length: the steps the session
// was first planned with. A resume that trains beyond it holds the rate it reached there
// (docs/guide/cli.md, "Resuming and extending a run").
import { z } from 'zod'

export const LrScheduleSchema = z.strictObject({
  name: z.enum(['cosine', 'constant']),
  lr: z.number().positive(),
  totalSteps: z.number().int().min(1),
  warmupSteps: z.number().int().min(0),
  cosineCycles: z.number().min(0)
})
export type LrSchedule = z.infer<typeof LrScheduleSchema>
