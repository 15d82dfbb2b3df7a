// The experiment form's state helpers: read and write a draft by dotted path, turn what
// the user typed into config values, and map validation issues to the fields.
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

/**
 * spec/fixmatch.md "Short runs and BatchNorm": BN running statistics move with horizon
 * 1/(1-momentum) steps and the EMA model with 1/(1-decay); a run not much longer than
 * those reports eval accuracy far below its training-mode pseudo-label accuracy.
 */
export function shortRunNotes(config: Pick<ExperimentConfig, 'steps' | 'model' | 'ema'>, factor = 3): string[] {
  const notes: string[] = []
  const bnHorizon = 1 / (1 - config.model.bnMomentum)
  if (config.steps < factor * bnHorizon) {
    notes.push(
      `${config.steps} steps is short for BN momentum ${config.model.bnMomentum} (horizon ~${Math.round(bnHorizon)} steps): ` +
        `eval-mode test accuracy will lag the training-mode pseudo-label accuracy${fittingRate(config.steps, factor, 'a BN momentum')}.`
    )
  }
  if (config.ema.enabled) {
    const emaHorizon = 1 / (1 - config.ema.decay)
    if (config.steps < factor * emaHorizon) {
      notes.push(
        `${config.steps} steps is short for EMA decay ${config.ema.decay} (horizon ~${Math.round(emaHorizon)} steps): ` +
          `the EMA model will trail the raw model${fittingRate(config.steps, factor, 'an EMA decay')}.`
      )
    }
  }
  return notes
}

/** The largest momentum/decay (two decimals) whose horizon fits `factor` times into the run. */
function fittingRate(steps: number, factor: number, what: string): string {
  const rate = Math.floor((1 - factor / steps) * 100) / 100
  return rate > 0 ? `; for ${steps} steps, ${what} of ${rate} or less keeps up` : ''
}
