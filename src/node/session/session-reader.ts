// Loads a session folder. Reading never modifies anything on disk.
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../shared/errors'
import { SAMPLE_STATE_FIELDS, type EvalRecord, type SampleState, type StepMetrics } from '../../shared/metrics'
import { UiStateSchema, type SessionFolderContents, type UiState } from '../../shared/sessions'
import { readJsonl } from './jsonl'
import { SAMPLE_FIELD_DTYPES, sampleFieldFile, sampleSnapshotDir, sessionPaths, SWEEP_ARRAY_FILES, sweepArraysDir, sweepStepDir } from './layout'
import { readManifest } from './manifest-file'
import { decodeNpy, type DecodedNpy, type NpyDtype } from './npy'
import { listSweepSteps } from './writer-files'
import { validateEvalRecord, validateStepMetrics, validateSweepRecord } from './records'
import { assertNoSymlinkBelow, entryKind, readFileBelow, readUntrustedText } from './untrusted-fs'

/** ui.json holds a few view choices; anything near this is not one. */
const MAX_UI_BYTES = 1024 * 1024
/** A per-sample array of a large dataset (SVHN's 604k samples in int32 is 2.4 MiB) fits many times over. */
const MAX_NPY_BYTES = 256 * 1024 * 1024

export { readManifest, updateManifest } from './manifest-file'

export type SessionFolder = SessionFolderContents

export async function readSessionFolder(dir: string): Promise<SessionFolder> {
  const manifest = await readManifest(dir)
  const paths = sessionPaths(dir)
  const metrics = await readJsonl(paths.metrics, validateStepMetrics)
  const evals = await readJsonl(paths.evals, validateEvalRecord)
  const sweeps = await readJsonl(paths.sweeps, validateSweepRecord)
  const ui = await readUi(dir)
  return {
    manifest,
    metrics: metrics.records,
    evals: evals.records,
    sweeps: sweeps.records,
    ui: ui.ui,
    warnings: [...metrics.warnings, ...evals.warnings, ...sweeps.warnings, ...ui.warnings]
  }
}

export async function readMetrics(dir: string): Promise<StepMetrics[]> {
  return (await readJsonl(sessionPaths(dir).metrics, validateStepMetrics)).records
}

export async function readEvals(dir: string): Promise<EvalRecord[]> {
  return (await readJsonl(sessionPaths(dir).evals, validateEvalRecord)).records
}

/** A missing ui.json is the default view; an invalid one is the default view plus a warning. */
async function readUi(dir: string): Promise<{ ui: UiState; warnings: string[] }> {
  let text: string
  try {
    text = await readUntrustedText(sessionPaths(dir).ui, MAX_UI_BYTES)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ui: {}, warnings: [] }
    return { ui: {}, warnings: [`ui.json could not be read (${(error as Error).message}); using the default view`] }
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return { ui: {}, warnings: ['ui.json is not valid JSON; using the default view'] }
  }
  const parsed = UiStateSchema.safeParse(raw)
  if (parsed.success) return { ui: parsed.data, warnings: [] }
  const issue = parsed.error.issues[0]
  return { ui: {}, warnings: [`ui.json is invalid (${issue.path.map(String).join('.') || 'root'}: ${issue.message}); using the default view`] }
}

/** Steps with a per-sample snapshot, ascending. */
export async function listSampleSnapshots(dir: string): Promise<number[]> {
  const manifest = await readManifest(dir)
  return [...manifest.sampleSnapshots].sort((a, b) => a - b)
}

/** step null = the latest snapshot. */
export async function readSampleSnapshot(dir: string, step: number | null): Promise<SampleState> {
  const steps = await listSampleSnapshots(dir)
  const chosen = step ?? steps[steps.length - 1]
  if (chosen === undefined) throw new AppError('not-found', `session ${dir} has no per-sample snapshots yet`, { path: dir })
  if (!steps.includes(chosen)) {
    throw new AppError('not-found', `session ${dir} has no per-sample snapshot at step ${chosen} (it has ${steps.join(', ')})`, {
      path: dir,
      step: chosen
    })
  }
  const folder = sampleSnapshotDir(dir, chosen)
  const arrays: Partial<Record<string, unknown>> = {}
  let length: number | null = null
  for (const field of SAMPLE_STATE_FIELDS) {
    const path = join(folder, sampleFieldFile(field))
    const npy = await readVector(dir, path, SAMPLE_FIELD_DTYPES[field])
    if (length !== null && npy.data.length !== length) {
      throw new AppError('session-corrupt', `${path} has ${npy.data.length} entries; the other fields have ${length}`, { path })
    }
    length = npy.data.length
    arrays[field] = npy.data
  }
  return { step: chosen, ...arrays } as SampleState
}

/** Sweeps with per-sample arrays, ascending by step. */
export async function listSweepArrays(dir: string): Promise<{ step: number; model: 'raw' | 'ema' }[]> {
  const out: { step: number; model: 'raw' | 'ema' }[] = []
  for (const step of await listSweepSteps(dir)) {
    const folder = sweepStepDir(dir, step)
    await assertNoSymlinkBelow(dir, folder)
    const models = await readdir(folder).catch(() => [] as string[])
    for (const model of ['raw', 'ema'] as const) if (models.includes(model)) out.push({ step, model })
  }
  return out
}

export async function readSweepArrays(
  dir: string,
  step: number,
  model: 'raw' | 'ema'
): Promise<{ pseudoLabel: Int16Array; confidence: Float32Array }> {
  const folder = sweepArraysDir(dir, step, model)
  const valid = Number.isInteger(step) && step >= 0
  if (valid) await assertNoSymlinkBelow(dir, folder)
  if (!valid || (await entryKind(folder)) !== 'folder') {
    throw new AppError('not-found', `session ${dir} has no ${model} sweep arrays at step ${step}`, { path: folder, step })
  }
  const pseudoLabel = (await readVector(dir, join(folder, SWEEP_ARRAY_FILES.pseudoLabel), 'int16')).data as Int16Array
  const confidence = (await readVector(dir, join(folder, SWEEP_ARRAY_FILES.confidence), 'float32')).data as Float32Array
  if (pseudoLabel.length !== confidence.length) {
    throw new AppError('session-corrupt', `${folder}: ${pseudoLabel.length} pseudo-labels but ${confidence.length} confidences`, { path: folder })
  }
  return { pseudoLabel, confidence }
}

/** A 1-D .npy of the expected dtype below the session folder, or session-corrupt naming the file. */
async function readVector(dir: string, path: string, expected: NpyDtype): Promise<DecodedNpy> {
  let bytes: Uint8Array
  try {
    bytes = await readFileBelow(dir, path, MAX_NPY_BYTES)
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError('session-corrupt', `session file ${path} cannot be read: ${(error as Error).message}`, { path })
  }
  const npy = decodeNpy(bytes, path)
  if (npy.dtype !== expected || npy.shape.length !== 1) {
    throw new AppError('session-corrupt', `${path} holds ${npy.dtype} of shape (${npy.shape.join(', ')}); expected a 1-D ${expected} array`, {
      path
    })
  }
  return npy
}
