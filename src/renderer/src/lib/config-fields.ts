// Every ExperimentConfig field as form metadata, so the form renders from data and a new
// field cannot be forgotten (a unit test compares this list against the schema). Shown
// names live in i18n/messages/experiments.ts (field.<path>, help.<path>, group.<group>;
// test/renderer/i18n.test.ts wants one per path); label and help here are the English
// fallback a field shows until it has them. The algorithm's settings come from the algorithms'
// definitions (shared/algorithms/form.ts), their labels and hints in both languages with them.
import { algorithmSettingFields } from '../../../shared/algorithms/form'
import { ALGORITHMS, DATASET_IDS, MODEL_ARCHS, STRONG_AUGMENTS } from '../../../shared/config/experiment-config'
import { BACKEND_NAMES } from '../../../shared/backends'

export type FieldKind = 'text' | 'int' | 'number' | 'bool' | 'enum' | 'tri-bool'

export interface ConfigField {
  path: string
  label: string
  kind: FieldKind
  group: string
  options?: readonly string[]
  step?: number
  help?: string
}

const f = (path: string, label: string, kind: FieldKind, group: string, extra: Partial<ConfigField> = {}): ConfigField => ({
  path,
  label,
  kind,
  group,
  ...extra
})

/** Set by main, never in the form (one list, in src/shared: main refuses them in any run config). */
export { MAIN_OWNED_FIELDS } from '../../../shared/config/main-owned-fields'

export const CONFIG_FIELDS: readonly ConfigField[] = [
  f('name', 'Name', 'text', 'Training'),
  f('steps', 'Steps K', 'int', 'Training'),
  f('evalInterval', 'Eval interval', 'int', 'Training'),
  f('sweepInterval', 'Sweep interval', 'int', 'Training', { help: '0 = only at the end' }),
  f('checkpointInterval', 'Checkpoint interval', 'int', 'Training', { help: '0 = at stop and end' }),
  f('seed', 'Seed', 'int', 'Training'),
  f('backend', 'Backend', 'enum', 'Training', { options: ['auto', ...BACKEND_NAMES] }),
  f('dataset.id', 'Dataset', 'enum', 'Data', { options: DATASET_IDS }),
  f('split.labelsPerClass', 'Labels per class', 'int', 'Data'),
  f('split.seed', 'Split seed', 'int', 'Data'),
  f('split.excludeLabeledFromUnlabeled', 'Exclude labeled from unlabeled', 'bool', 'Data'),
  f('split.expandLabels', 'Expand labeled list', 'bool', 'Data'),
  f('model.arch', 'Model', 'enum', 'Model', { options: MODEL_ARCHS }),
  f('model.bnMomentum', 'BN momentum (TF.js)', 'number', 'Model', { step: 0.001, help: '0.999 = PyTorch 0.001' }),
  f('model.leakySlope', 'Leaky ReLU slope', 'number', 'Model', { step: 0.01 }),
  f('algorithm.name', 'Algorithm', 'enum', 'Algorithm', { options: ALGORITHMS }),
  ...algorithmSettingFields().map((a) =>
    f(`algorithm.${a.key}`, a.label.en, a.kind, 'Algorithm', { ...(a.options ? { options: a.options } : {}), ...(a.step !== undefined ? { step: a.step } : {}), ...(a.help ? { help: a.help.en } : {}) })
  ),
  f('batch.labeled', 'Labeled batch B', 'int', 'Batch'),
  f('batch.mu', 'Unlabeled ratio μ', 'int', 'Batch'),
  f('optimizer.name', 'Optimizer', 'enum', 'Optimizer', { options: ['sgd'] }),
  f('optimizer.lr', 'Learning rate', 'number', 'Optimizer', { step: 0.001 }),
  f('optimizer.momentum', 'Momentum', 'number', 'Optimizer', { step: 0.01 }),
  f('optimizer.nesterov', 'Nesterov', 'bool', 'Optimizer'),
  f('optimizer.weightDecay', 'Weight decay', 'number', 'Optimizer', { step: 0.0001 }),
  f('schedule.name', 'Schedule', 'enum', 'Schedule', { options: ['cosine', 'constant'] }),
  f('schedule.warmupSteps', 'Warm-up steps', 'int', 'Schedule'),
  f('schedule.cosineCycles', 'Cosine cycles', 'number', 'Schedule', { step: 0.0625 }),
  f('ema.enabled', 'EMA model', 'bool', 'EMA'),
  f('ema.decay', 'EMA decay', 'number', 'EMA', { step: 0.001 }),
  f('augment.strong', 'Strong augmentation', 'enum', 'Augmentation', { options: STRONG_AUGMENTS }),
  f('augment.horizontalFlip', 'Horizontal flip', 'tri-bool', 'Augmentation', { help: 'auto: by dataset' })
]

export function fieldGroups(fields: readonly ConfigField[] = CONFIG_FIELDS): [string, ConfigField[]][] {
  const groups = new Map<string, ConfigField[]>()
  for (const field of fields) groups.set(field.group, [...(groups.get(field.group) ?? []), field])
  return [...groups]
}
