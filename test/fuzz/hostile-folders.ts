// Real session and sweep folders, then broken the way a colleague's zip or a shared NFS
// folder can be: entries replaced by symlinks (out of the folder, to /dev/zero, dangling,
// looping), FIFOs, truncated or oversized files, garbage, and a sweep.json that names a
// ProxyCommand or a run outside the sweep.
import { execFileSync } from 'node:child_process'
import { closeSync, constants, existsSync, lstatSync, openSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { presetConfig } from '../../src/shared/config/presets'
import { expandSweep, parseSweepSpec } from '../../src/shared/sweep-spec'
import { SessionWriter } from '../../src/node/session/session-writer'
import { createSweepFolder, runSessionDir } from '../../src/node/sweep/sweep-folder'
import { stepRecord } from '../main/services/run-manager-fakes'

export const SESSION_TARGETS = ['.', 'session.json', 'metrics.jsonl', 'evals.jsonl', 'ui.json', 'samples', 'checkpoint', 'checkpoint/model.json'] as const
export const SWEEP_TARGETS = ['.', 'sweep.json', 'configs', 'logs', 'run0', 'run0/session.json', 'run0/metrics.jsonl'] as const
export const KINDS = ['link-file-outside', 'link-dir-outside', 'link-dev-zero', 'link-dangling', 'link-loop', 'fifo', 'truncate', 'oversize', 'garbage'] as const
/** Edits of sweep.json's content: what a hand-made manifest can say. */
export const SWEEP_EDITS = ['none', 'proxy-command', 'run-name-escape', 'output-outside'] as const

export interface Mutation {
  folder: 'session' | 'sweep'
  target: string
  kind: (typeof KINDS)[number]
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ folder: fc.constant('session' as const), target: fc.constantFrom<string>(...SESSION_TARGETS), kind: fc.constantFrom(...KINDS) }),
  fc.record({ folder: fc.constant('sweep' as const), target: fc.constantFrom<string>(...SWEEP_TARGETS), kind: fc.constantFrom(...KINDS) })
)

export interface Folders {
  sessionDir: string
  sweepDir: string
  /** The first run's folder name inside the sweep ('run0' in targets). */
  runName: string
}

/** A real session (metrics, a checkpoint step and folder) and a real sweep with one run's session. */
export async function makeFolders(sessionsDir: string, sweepsDir: string, name: string): Promise<Folders> {
  const config = { ...presetConfig('quick-mnist'), steps: 8 }
  const sessionDir = join(sessionsDir, name)
  const writer = await SessionWriter.create(sessionDir, { name, config, versions: {} })
  writer.appendMetrics([stepRecord(1), stepRecord(2)])
  await writer.flush()
  await writer.setCheckpointStep(2)
  await writer.writeUi({ view: 'runs' })
  await writer.close()
  execFileSync('mkdir', ['-p', join(sessionDir, 'checkpoint'), join(sessionDir, 'samples', '2')])
  writeFileSync(join(sessionDir, 'checkpoint', 'model.json'), JSON.stringify({ format: 'pseudoscope-checkpoint', version: 2, paths: ['../../outside.bin'] }))
  const spec = parseSweepSpec({ name, config, grid: { seed: [1, 2] } })
  const points = expandSweep(spec)
  const sweepDir = join(sweepsDir, name)
  await createSweepFolder(sweepDir, spec, points, { kind: 'local', parallel: 1 }, Date.now())
  const run = await SessionWriter.create(runSessionDir(sweepDir, points[0]), { name: points[0].name, config: points[0].config, versions: {} })
  await run.close()
  return { sessionDir, sweepDir, runName: points[0].name }
}

/** sweep.json rewritten as a stranger could: runs marked running so the app follows them. */
export function editSweep(folders: Folders, edit: (typeof SWEEP_EDITS)[number], sentinel: string, outside: string): void {
  if (edit === 'none') return
  const file = join(folders.sweepDir, 'sweep.json')
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { executor: Record<string, unknown>; runs: Record<string, unknown>[] }
  manifest.runs = manifest.runs.map((run, i) => ({ ...run, state: 'running', jobId: `4242_${i}`, jobIds: [`4242_${i}`] }))
  const slurm = { kind: 'slurm', partition: null, time: null, cpusPerTask: null, gres: null, account: null, extraArgs: [], remoteProjectDir: null, ssh: null, sshArgs: [] }
  if (edit === 'proxy-command') manifest.executor = { ...slurm, ssh: 'localhost', sshArgs: [`-oProxyCommand=touch ${sentinel}`] }
  if (edit === 'output-outside') manifest.executor = { ...slurm, extraArgs: [`--output=${sentinel}`] }
  // A pending run: Resubmit starts it in the folder its name gives.
  if (edit === 'run-name-escape') manifest.runs[0] = { ...manifest.runs[0], state: 'pending', attempts: 0, name: `../../../${outside.split('/').pop()}/escaped-run` }
  writeFileSync(file, JSON.stringify(manifest))
}

/** Breaks one entry; targets that do not exist (a mutation already replaced their parent) are skipped. */
export function mutate(folders: Folders, m: Mutation, outside: string): string | null {
  const base = m.folder === 'session' ? folders.sessionDir : folders.sweepDir
  const rel = m.target === '.' ? [] : m.target.replace(/^run0/, folders.runName).split('/')
  const path = join(base, ...rel)
  // Never through an entry an earlier mutation replaced: that could reach outside the folder.
  for (let i = 0; i < rel.length; i++) if (!isRealDir(join(base, ...rel.slice(0, i)))) return null
  if (!exists(path)) return null
  const isDir = lstatSync(path).isDirectory()
  const replace = (): void => rmSync(path, { recursive: true, force: true })
  switch (m.kind) {
    case 'link-file-outside':
      replace()
      symlinkSync(join(outside, 'notes.txt'), path)
      break
    case 'link-dir-outside':
      replace()
      symlinkSync(outside, path)
      break
    case 'link-dev-zero':
      replace()
      symlinkSync('/dev/zero', path)
      break
    case 'link-dangling':
      replace()
      symlinkSync(join(outside, 'no-such-entry'), path)
      break
    case 'link-loop':
      replace()
      symlinkSync(path, path)
      break
    case 'fifo':
      replace()
      execFileSync('mkfifo', [path])
      break
    case 'truncate':
      if (isDir) replace()
      else truncateSync(path, Math.floor(lstatSync(path).size / 2))
      break
    case 'oversize':
      if (isDir) replace()
      writeFileSync(path, 'x'.repeat(3 * 1024 * 1024))
      break
    case 'garbage':
      if (isDir) replace()
      writeFileSync(path, '{"schemaVersion": 1, "app": [\u0000\ud800 not json')
      break
  }
  return path
}

const isRealDir = (path: string): boolean => exists(path) && lstatSync(path).isDirectory()

const exists = (path: string): boolean => {
  try {
    lstatSync(path)
    return true
  } catch {
    return false
  }
}

/** Lets any open() stuck on one of the FIFOs go (a writer arrives, then closes), then removes the folders. */
export function releaseAndRemove(folders: Folders, fifos: string[]): void {
  for (const fifo of fifos) {
    try {
      const fd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK)
      closeSync(fd)
    } catch {
      // ENXIO: no reader waits on it.
    }
  }
  for (const dir of [folders.sessionDir, folders.sweepDir]) if (existsSync(dir) || exists(dir)) rmSync(dir, { recursive: true, force: true })
}
