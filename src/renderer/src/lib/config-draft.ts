// The experiment form's state helpers: read and write a draft by dotted path, turn what
// the user typed into config values, and map validation issues to the fields.
import { definitionOf } from '../../../shared/algorithms/registry'
import { validateExperimentConfig, type ConfigIssue, type ExperimentConfig } from '../../../shared/config/experiment-config'
import type { FieldKind } from './config-fields'

export type Draft = Record<string, unknown>

export function getPath(draft: Draft, path: string): unknown {
  let node: unknown = draft
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return node
}

/** A copy of the draft with one value replaced (undefined deletes the key). */
export function setPath(draft: Draft, path: string, value: unknown): Draft {
  const [head, ...rest] = path.split('.')
  const copy: Draft = { ...draft }
  if (rest.length === 0) {
    if (value === undefined) delete copy[head]
    else copy[head] = value
    return copy
  }
  const child = copy[head]
  copy[head] = setPath(child !== null && typeof child === 'object' ? (child as Draft) : {}, rest.join('.'), value)
  return copy
}

/**
 * What the user typed, as a config value. Numbers that do not parse stay strings, so the
 * validator reports them on their field instead of the form hiding the mistake.
 */
export function parseInput(kind: FieldKind, raw: string | boolean): unknown {
  if (kind === 'bool') return Boolean(raw)
  const text = String(raw)
  if (kind === 'tri-bool') return text === 'auto' ? null : text === 'on'
  if (kind === 'text') return text === '' ? undefined : text
  if (kind === 'enum') return text
  const trimmed = text.trim()
  if (trimmed === '') return undefined
  const n = Number(trimmed)
  return Number.isFinite(n) ? n : trimmed
}

export function formatInput(kind: FieldKind, value: unknown): string | boolean {
  if (kind === 'bool') return value === true
  if (kind === 'tri-bool') return value === null || value === undefined ? 'auto' : value ? 'on' : 'off'
  return value === undefined || value === null ? '' : String(value)
}

export interface DraftCheck {
  config: ExperimentConfig | null
  /** path -> messages; issues without a known field land under ''. */
  byField: Record<string, string[]>
}

export function checkDraft(draft: Draft, knownPaths: readonly string[]): DraftCheck {
  const result = validateExperimentConfig(draft)
  if (result.ok) return { config: result.config, byField: {} }
  return { config: null, byField: issuesByField(result.issues, knownPaths) }
}

/** A nested issue (e.g. 'split' missing) goes to the closest known field below or above it. */
export function issuesByField(issues: readonly ConfigIssue[], knownPaths: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const issue of issues) {
    const field =
      knownPaths.find((p) => p === issue.path) ??
      knownPaths.find((p) => issue.path !== '' && p.startsWith(issue.path + '.')) ??
      knownPaths.find((p) => issue.path.startsWith(p + '.')) ??
      ''
    ;(out[field] ??= []).push(field === issue.path || field === '' ? issue.message : `${issue.path}: ${issue.message}`)
  }
  return out
}

/** A run too short for a BatchNorm momentum or an EMA decay (the view words it). */
export interface ShortRunNote {
  kind: 'bn' | 'ema' | 'confidence'
  steps: number
  /** The momentum or decay. */
  rate: number
  /** 1 / (1 - rate) steps, rounded. */
  horizon: number
  /** The largest rate (two decimals) whose horizon fits `factor` times into the run, or null. */
  fitting: number | null
}

/**
 * spec/fixmatch.md "Short runs and BatchNorm": BN running statistics move with horizon
 * 1/(1-momentum) steps and the EMA model with 1/(1-decay); a run not much longer than
 * those reports eval accuracy far below its training-mode pseudo-label accuracy.
 */
export function shortRunNotes(
  config: Pick<ExperimentConfig, 'steps' | 'model' | 'ema'> & { algorithm?: Pick<ExperimentConfig['algorithm'], 'name' | 'emaMomentum'> },
  factor = 3
): ShortRunNote[] {
  const notes: ShortRunNote[] = []
  const check = (kind: ShortRunNote['kind'], rate: number): void => {
    const horizon = 1 / (1 - rate)
    if (config.steps >= factor * horizon) return
    const fit = Math.floor((1 - factor / config.steps) * 100) / 100
    notes.push({ kind, steps: config.steps, rate, horizon: Math.round(horizon), fitting: fit > 0 ? fit : null })
  }
  check('bn', config.model.bnMomentum)
  if (config.ema.enabled) check('ema', config.ema.decay)
  // FreeMatch's thresholds and SoftMatch's weight statistics start at 1/C and move with this EMA (definition.emaStart).
  const algorithm = config.algorithm
  if (algorithm && definitionOf(algorithm.name).emaStart === 'uniform') check('confidence', algorithm.emaMomentum)
  return notes
}
