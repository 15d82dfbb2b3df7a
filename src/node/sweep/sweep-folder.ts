// A sweep folder on disk:
//   sweep.json             the manifest (SweepManifest), rewritten atomically
//   configs/<run>.json     each run's full config (what its runner reads)
//   logs/                  runner output (Slurm's --output; local runs' stdout and stderr)
//   sweep.sbatch           the generated batch script (Slurm)
//   <run>/                 each run's session folder
import { lstat, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../shared/errors'
import { shellQuote } from '../../shared/shell-quote'
import { SWEEP_SCHEMA_VERSION, SweepManifestSchema, type SweepExecutor, type SweepManifest, type SweepRunEntry } from '../../shared/sweep-manifest'
import { runNameClash, type SweepPoint, type SweepSpec } from '../../shared/sweep-spec'
import { atomicWriteFile } from '../session/atomic'
import { makeFolders } from '../session/make-folders'
import { entryKind, readUntrustedText } from '../session/untrusted-fs'

export const SWEEP_FILE = 'sweep.json'
/** 1000 runs with their full configs are a few MiB; more is not a sweep manifest. */
export const MAX_SWEEP_MANIFEST_BYTES = 64 * 1024 * 1024
export const BATCH_SCRIPT = 'sweep.sbatch'

export const sweepPaths = (dir: string) => ({
  manifest: join(dir, SWEEP_FILE),
  configs: join(dir, 'configs'),
  logs: join(dir, 'logs'),
  batchScript: join(dir, BATCH_SCRIPT)
})

export const runConfigPath = (dir: string, run: { name: string }): string => join(sweepPaths(dir).configs, `${run.name}.json`)
export const runSessionDir = (dir: string, run: { name: string }): string => join(dir, run.name)
export const runLogPath = (dir: string, run: { index: number }): string => join(sweepPaths(dir).logs, `task-${run.index}.log`)

/** Anything named sweep.json (a link or a FIFO too) marks the folder as taken; nothing is followed. */
export async function isSweepFolder(dir: string): Promise<boolean> {
  return (await entryKind(sweepPaths(dir).manifest).catch(() => 'missing')) !== 'missing'
}

/** Creates the folder with its manifest (every run pending) and config files; refuses a folder that holds a sweep. */
export async function createSweepFolder(dir: string, spec: SweepSpec, points: SweepPoint[], executor: SweepExecutor, now: number): Promise<SweepManifest> {
  if (await isSweepFolder(dir)) {
    throw new AppError('already-exists', `${dir} already holds a sweep; continue it with --resume ${shellQuote(dir)}, or choose another --out`, { path: dir })
  }
  const paths = sweepPaths(dir)
  // What this call creates it removes again on failure, so a retry finds the folder as it was.
  const made = await absent([dir, paths.configs, paths.logs])
  try {
    await makeFolders(paths.configs)
    await makeFolders(paths.logs)
    for (const point of points) await atomicWriteFile(runConfigPath(dir, point), `${JSON.stringify(point.config, null, 2)}\n`)
  } catch (error) {
    for (const folder of made.reverse()) await rm(folder, { recursive: true, force: true })
    throw error
  }
  const manifest: SweepManifest = {
    schemaVersion: SWEEP_SCHEMA_VERSION,
    app: 'pseudoscope-sweep',
    spec,
    executor,
    createdAt: now,
    updatedAt: now,
    arrayJobIds: [],
    runs: points.map((point) => ({ ...point, state: 'pending', schedulerState: null, jobId: null, jobIds: [], exitCode: null, signal: null, attempts: 0, updatedAt: now }))
  }
  await writeSweepManifest(dir, manifest)
  return manifest
}

/** sweep.json, read as untrusted input: no symlink, no FIFO, size capped (session-corrupt). */
export async function readSweepManifest(dir: string): Promise<SweepManifest> {
  const path = sweepPaths(dir).manifest
  let text: string
  try {
    text = await readUntrustedText(path, MAX_SWEEP_MANIFEST_BYTES)
  } catch (error) {
    if (error instanceof AppError) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new AppError('not-found', `${dir} holds no sweep (no ${SWEEP_FILE})`, { path })
    throw new AppError('io-error', `cannot read ${path} (${code ?? (error as Error).message})`, { path })
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new AppError('session-corrupt', `${path} is not valid JSON`, { path })
  }
  const parsed = SweepManifestSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppError('session-corrupt', `${path} is not a sweep manifest (${issue.path.map(String).join('.') || 'root'}: ${issue.message})`, { path })
  }
  refuseSharedRunFolders(parsed.data, path)
  return parsed.data
}

async function absent(paths: string[]): Promise<string[]> {
  const found = await Promise.all(paths.map((p) => lstat(p).then(() => true, () => false)))
  return paths.filter((_, i) => !found[i])
}

/** Each run is a folder: names that differ only in case, or an index out of place, are a hand-edited file. */
function refuseSharedRunFolders(manifest: SweepManifest, path: string): void {
  const clash = runNameClash(manifest.runs.map((r) => r.name))
  if (clash) throw new AppError('session-corrupt', `${path}: runs ${clash[0]} and ${clash[1]} would share one folder`, { path })
  const misplaced = manifest.runs.findIndex((r, i) => r.index !== i)
  if (misplaced >= 0) throw new AppError('session-corrupt', `${path}: run ${manifest.runs[misplaced].name} has index ${manifest.runs[misplaced].index} in place ${misplaced}`, { path })
}

export async function writeSweepManifest(dir: string, manifest: SweepManifest): Promise<void> {
  await atomicWriteFile(sweepPaths(dir).manifest, `${JSON.stringify(SweepManifestSchema.parse(manifest), null, 2)}\n`)
}

/**
 * Serialises a sweep's manifest updates in this process: each change reads the latest copy
 * in memory, applies itself and writes the whole file (the process holding the sweep's lock
 * is its only writer).
 */
export class SweepManifestWriter {
  private chain: Promise<void> = Promise.resolve()

  constructor(
    readonly dir: string,
    private current: SweepManifest,
    private readonly now: () => number = Date.now
  ) {}

  get manifest(): SweepManifest {
    return this.current
  }

  /** Applies a change to one run (by index) and writes the manifest. */
  updateRun(index: number, change: Partial<SweepRunEntry>): Promise<void> {
    return this.update((m) => ({ ...m, runs: m.runs.map((r) => (r.index === index ? { ...r, ...change, updatedAt: this.now() } : r)) }))
  }

  update(change: (m: SweepManifest) => SweepManifest): Promise<void> {
    this.current = { ...change(this.current), updatedAt: this.now() }
    const snapshot = this.current
    const write = this.chain.then(() => writeSweepManifest(this.dir, snapshot))
    // A failed write is the caller's error; the next one still runs.
    this.chain = write.catch(() => undefined)
    return write
  }

  flush(): Promise<void> {
    return this.chain
  }
}
