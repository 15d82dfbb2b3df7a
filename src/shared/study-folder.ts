// What sessions:open-study answers: a headless study's folder (`npm run experiment --
// --ablation-study --out DIR`: DIR/ablation-study.json and DIR/<mode>/seed-<s>) read into the
// same shape an ablation sweep gives the study view, with the folder's name.
import { z } from 'zod'
import { SweepAblationSchema } from './sweep-ablation'

export const StudyFolderSchema = SweepAblationSchema.extend({
  /** The folder's own name, for the view's title. */
  name: z.string()
})
export type StudyFolder = z.infer<typeof StudyFolderSchema>
