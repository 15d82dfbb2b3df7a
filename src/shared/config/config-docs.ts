// What each ExperimentConfig field means, for the docs' config reference (npm run
// docs:config). Ranges and defaults come from the schema itself; this map only says what a
// field does. Its type lists every field of the schema, so a field added without a line here
// (or a line left for a field that is gone) fails to compile.
import { COMMON_SETTING_META, type CommonSettingKey, type SettingMeta } from '../algorithms/definition'
import { ALGORITHM_DEFINITIONS, readersOf, type AlgorithmDefinitions } from '../algorithms/registry'
import type { ExperimentConfig } from './experiment-config'

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends readonly unknown[]
    ? `${P}${K}`
    : NonNullable<T[K]> extends Record<string, unknown>
      ? Leaves<NonNullable<T[K]>, `${P}${K}.`>
      : `${P}${K}`
}[keyof T & string]

/** Every field of the config as a dotted path ('algorithm.threshold'). */
export type ConfigFieldPath = Leaves<ExperimentConfig>

const OTHER_FIELD_DOCS = {
  name: 'Name of the run; the session folder is named after it (the dataset id when empty).',
  'dataset.id': 'Dataset. MNIST is embedded (the `mnist` package\'s 10,000 digits: 8,000 train, 2,000 test); CIFAR needs its binary archive.',
  'dataset.dataDir': 'CIFAR only: the official binary archive (`.tar.gz`) or its extracted folder (the CLI\'s `--data-dir`). Ignored for MNIST; in the app, the copy imported in Datasets.',
  'split.labelsPerClass': 'Labeled images per class; the rest of the train set is unlabeled. FixMatch\'s "250 labels" on CIFAR-10 is 25.',
  'split.seed': 'Seed of the labeled/unlabeled split (apart from `seed`, so one split can be trained with several seeds).',
  'split.excludeLabeledFromUnlabeled': 'Leave the labeled images out of the unlabeled set. The paper and K\'s code keep them in (`false`).',
  'split.expandLabels': 'Repeat the labeled list so one pass covers `batch.labeled` x `evalInterval` samples, as K\'s code does; when off, the list is reshuffled each pass.',
  'model.arch': 'Network: `small-cnn` (for MNIST and quick runs on a CPU), `wrn-28-2` (the paper\'s CIFAR-10 model, 1.5 M parameters), `wrn-28-8` (CIFAR-100 in the paper).',
  'model.bnMomentum': 'BatchNorm running-statistics momentum in TF.js terms: 0.999 is PyTorch\'s 0.001. Short runs need a faster one (0.9).',
  'model.leakySlope': 'Negative slope of the LeakyReLU activations (0.1 in the paper).',
  'batch.labeled': 'Labeled batch size B.',
  'batch.mu': 'Unlabeled ratio mu: each step also takes mu x B unlabeled images, each as a weak and a strong view (a step sees B + 2 mu B images).',
  'optimizer.name': 'Optimizer; SGD is the one the paper uses.',
  'optimizer.lr': 'Initial learning rate lr0.',
  'optimizer.momentum': 'SGD momentum.',
  'optimizer.nesterov': 'Nesterov momentum (the paper: on).',
  'optimizer.weightDecay': 'Weight decay, applied to every weight but biases and BatchNorm parameters (K\'s rule).',
  'schedule.name': 'Learning-rate schedule: `cosine` (K\'s lr0 cos(cycles pi k / K)) or `constant`.',
  'schedule.warmupSteps': 'Linear warm-up steps before the schedule starts.',
  'schedule.cosineCycles': 'K\'s `num_cycles`: the cosine reaches lr0 cos(cycles pi) at the last planned step (7/16 in the paper).',
  'ema.enabled': 'Keep an exponential moving average of the weights and evaluate it beside the raw model.',
  'ema.decay': 'EMA decay per step (0.999 in the paper; short runs need a shorter one).',
  'augment.strong': 'Strong augmentation: RandAugment with K\'s magnitudes (`randaugment-k`) or Google\'s (`randaugment-g`), then Cutout.',
  'augment.horizontalFlip': 'Random horizontal flips in both views; `null` decides by dataset (on for CIFAR, off for digits).',
  steps: 'Total training steps K. A resumed session keeps the schedule of the steps it was first planned with.',
  evalInterval: 'Evaluate on the test set every N steps (and at the last step).',
  sweepInterval: 'Full pseudo-label sweep over the whole unlabeled set every N steps (confusion matrix, threshold curves, reliability); 0: only at the last step.',
  checkpointInterval: 'Checkpoint every N steps; 0: only when stopped and at the end. A killed run resumes from the last checkpoint.',
  seed: 'Seed for initialisation, sampling and augmentation.',
  backend: 'Where training runs: `auto` picks the fastest available (docs: Backends and performance).',
  'ablation.mode': 'Oracle ablation, a diagnostic experiment that reads the hidden true labels: `oracle-mask` drops wrong pseudo-labels that count, `oracle-correct` corrects them, `oracle-all` trains on true labels under the rule\'s mask, `noise` flips a share to wrong classes. Not for the bounds.',
  'ablation.noiseRate': 'Share of the counted pseudo-labels that `noise` flips to a random wrong class.'
} as const satisfies Record<Exclude<ConfigFieldPath, `algorithm.${string}`>, string>

/** What each field means; the `algorithm` object's lines come from the algorithms' definitions (algorithmFieldDocs). */
export const CONFIG_FIELD_DOCS: Record<ConfigFieldPath, string> = { ...OTHER_FIELD_DOCS, ...algorithmFieldDocs() }

/** "A", "A and B", "A, B and C". */
function list(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

/** The config reference's lines of `algorithm.*`: its name's list, the common settings (with who reads them), each algorithm's own. */
function algorithmFieldDocs(): Record<`algorithm.${keyof ExperimentConfig['algorithm'] & string}`, string> {
  const named = (d: AlgorithmDefinitions): string => `\`${d.name}\` (${d.summary})`
  const ssl = ALGORITHM_DEFINITIONS.filter((d) => !d.bound).map(named)
  const bounds = ALGORITHM_DEFINITIONS.filter((d) => d.bound).map(named)
  const docs: Record<string, string> = {
    'algorithm.name': `SSL algorithm: ${ssl.join(', ')}; the bounds ${list(bounds)}, as USB runs them.`
  }
  for (const [key, meta] of Object.entries(COMMON_SETTING_META)) {
    const readers = list(readersOf(key as CommonSettingKey).map((d) => d.title.en))
    docs[`algorithm.${key}`] = meta.readersFirst ? `${readers}: ${meta.docs}` : meta.docs
  }
  for (const d of ALGORITHM_DEFINITIONS) {
    for (const [key, meta] of Object.entries(d.settingMeta as Record<string, SettingMeta>)) docs[`algorithm.${key}`] = meta.docs
  }
  return docs as ReturnType<typeof algorithmFieldDocs>
}
