// What streaming costs the main process, and how per-sample state should travel.
// 1. A real training worker (Node child, as in tests and the CLI) through the RunManager:
//    metrics events reaching the sink per second, and main-process CPU per second of training.
// 2. A flood: a child posting one-record metrics messages as fast as IPC allows; the manager
//    must still emit at most ~20 events a second, at a bounded CPU cost.
// 3. Per-sample state of a 50,000-sample dataset: written as .npy by the worker, announced,
//    read back by main (and cloned once more to the renderer), versus one structured clone
//    over a MessagePort (worker_threads) or child-process IPC, the closest Node stand-ins
//    for Electron's MessagePortMain.
// Flags: --quick (fewer steps and repetitions), --no-train (skip part 1).
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { presetConfig } from '../src/shared/config/presets'
import type { EventChannel } from '../src/shared/contract'
import type { SampleState } from '../src/shared/metrics'
import { readSampleSnapshot } from '../src/node/session/session-reader'
import { SessionWriter } from '../src/node/session/session-writer'
import { NodeChildSpawner } from '../src/main/services/node-child-spawner'
import { RunManager } from '../src/main/services/run-manager'
import type { WorkerSpawnOptions } from '../src/main/services/run-manager-types'
import { FLOOD_CHILD, SAMPLE_CHILD, SAMPLE_THREAD, makeSampleState } from './ipc-transfer-children'
import { median } from './stats'

const quick = process.argv.includes('--quick')
const root = mkdtempSync(join(tmpdir(), 'ipc-bench-'))
const rows: [string, string][] = []
const row = (name: string, value: string): void => void rows.push([name, value])
const ms = (x: number): string => `${x.toFixed(1)} ms`

interface RunMeasure {
  events: number
  records: number
  workerMessages: number
  seconds: number
  cpuMsPerSec: number
  steps: number
}

/** Runs a worker through a RunManager, measuring from its first metrics event to its last (the training phase). */
async function measureRun(spawner: NodeChildSpawner, config: unknown): Promise<RunMeasure> {
  let events = 0
  let records = 0
  let workerMessages = 0
  let begin: { wall: number; cpu: NodeJS.CpuUsage } | null = null
  let last: { wall: number; cpu: NodeJS.CpuUsage } | null = null
  const counting = {
    spawn(options?: WorkerSpawnOptions) {
      const handle = spawner.spawn(options)
      const onMessage = handle.onMessage.bind(handle)
      handle.onMessage = (cb) => onMessage((event) => ((event as { type?: unknown }).type === 'metrics' && workerMessages++, cb(event)))
      return handle
    }
  }
  const manager = new RunManager({
    spawner: counting,
    sessionsDir: () => join(root, 'sessions'),
    events: (event: EventChannel, payload: unknown) => {
      if (event !== 'runs:metrics') return
      begin ??= { wall: performance.now(), cpu: process.cpuUsage() }
      last = { wall: performance.now(), cpu: process.cpuUsage() }
      events++
      records += (payload as { records: unknown[] }).records.length
    },
    maxConcurrent: () => 1,
    versions: { bench: '1' },
    log: () => undefined
  })
  const info = await manager.start(config)
  const final = await manager.whenSettled(info.runId)
  if (final.state !== 'finished' || !begin || !last) throw new Error(`bench run ended ${final.state}: ${final.failure?.error.message}`)
  const [start, end] = [begin, last] as { wall: number; cpu: NodeJS.CpuUsage }[]
  const seconds = (end.wall - start.wall) / 1000
  const cpuMs = (end.cpu.user - start.cpu.user + end.cpu.system - start.cpu.system) / 1000
  return { events, records, workerMessages, seconds, cpuMsPerSec: cpuMs / seconds, steps: final.progress.step }
}

async function realWorker(): Promise<void> {
  const base = presetConfig('quick-mnist')
  const steps = quick ? 40 : 120
  const config = {
    ...base,
    name: 'bench',
    split: { ...base.split, labelsPerClass: 2 },
    batch: { labeled: 8, mu: 2 },
    steps,
    evalInterval: steps,
    sweepInterval: 0,
    checkpointInterval: 0,
    backend: 'wasm'
  }
  const m = await measureRun(new NodeChildSpawner(), config)
  row('real worker: steps trained, training phase', `${m.steps} in ${m.seconds.toFixed(1)} s (${(m.records / m.seconds).toFixed(1)} steps/s)`)
  row('real worker: metrics events reaching the sink', `${(m.events / m.seconds).toFixed(1)} /s (${m.events} events, ${m.records} records)`)
  row('real worker: worker metrics messages', `${(m.workerMessages / m.seconds).toFixed(1)} /s`)
  row('real worker: main CPU per second of training', `${m.cpuMsPerSec.toFixed(1)} ms/s (${(m.cpuMsPerSec / 10).toFixed(2)} % of a core)`)
}

async function flood(): Promise<void> {
  const script = join(root, 'flood.mjs')
  writeFileSync(script, FLOOD_CHILD)
  const count = quick ? 20_000 : 60_000
  const m = await measureRun(new NodeChildSpawner({ entry: script, env: { ...process.env, FLOOD_COUNT: String(count) } }), {
    ...presetConfig('quick-mnist'),
    steps: count
  })
  row('flood: one-record messages received', `${(m.workerMessages / m.seconds).toFixed(0)} /s (${m.workerMessages} in ${m.seconds.toFixed(2)} s)`)
  row('flood: metrics events reaching the sink', `${(m.events / m.seconds).toFixed(1)} /s (${m.records} records, none lost)`)
  row('flood: main CPU per 1,000 records', `${((m.cpuMsPerSec * m.seconds) / (m.records / 1000)).toFixed(2)} ms`)
}

async function transfers(n: number): Promise<void> {
  const reps = quick ? 3 : 7
  const state = makeSampleState(n, 100)
  const bytes = Object.values(state).reduce((sum: number, v) => sum + (ArrayBuffer.isView(v) ? v.byteLength : 0), 0)
  row(`per-sample state: ${n.toLocaleString('en')} samples`, `${(bytes / 1e6).toFixed(2)} MB in 9 typed arrays`)

  const writes: number[] = []
  const reads: number[] = []
  const clones: number[] = []
  for (let r = 0; r < reps; r++) {
    const writer = await SessionWriter.create(join(root, `file-${r}`), { name: 'b', config: presetConfig('quick-mnist'), versions: {} })
    const state = makeSampleState(n, 100 + r)
    let t = performance.now()
    await writer.writeSampleSnapshot(state)
    writes.push(performance.now() - t)
    t = performance.now()
    const back: SampleState = await readSampleSnapshot(writer.dir, null)
    reads.push(performance.now() - t)
    t = performance.now()
    structuredClone(back)
    clones.push(performance.now() - t)
    await writer.close()
  }
  row('file: worker writes 9 .npy (fsync, atomic)', ms(median(writes)))
  row('file: main reads the snapshot back', ms(median(reads)))
  row('file: + one clone main -> renderer (structuredClone)', ms(median(clones)))
  row('file: total, worker write to renderer', ms(median(writes) + median(reads) + median(clones)))

  const thread = new Worker(SAMPLE_THREAD, { eval: true, workerData: { n } })
  const port: number[] = []
  for (let r = 0; r < reps + 1; r++) {
    const t = performance.now()
    const got = await new Promise<SampleState>((resolve) => {
      thread.once('message', resolve)
      thread.postMessage('send')
    })
    if (got.datasetIndex.length !== n) throw new Error('thread sent a wrong state')
    if (r > 0) port.push(performance.now() - t)
  }
  await thread.terminate()
  row('MessagePort (worker_threads), structured clone', ms(median(port)))

  const script = join(root, 'samples.mjs')
  writeFileSync(script, SAMPLE_CHILD)
  const child = fork(script, [String(n)], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const ipc: number[] = []
  for (let r = 0; r < reps + 1; r++) {
    const t = performance.now()
    await new Promise((resolve) => {
      child.once('message', resolve)
      child.send('send')
    })
    if (r > 0) ipc.push(performance.now() - t)
  }
  child.kill()
  row('child-process IPC (advanced serialization)', ms(median(ipc)))
}

try {
  if (!process.argv.includes('--no-train')) await realWorker()
  await flood()
  await transfers(50_000)
} finally {
  rmSync(root, { recursive: true, force: true })
}
const width = Math.max(...rows.map(([name]) => name.length))
console.log(`\nIPC and streaming (${quick ? 'quick' : 'full'}), medians where repeated\n`)
for (const [name, value] of rows) console.log(`  ${name.padEnd(width)}  ${value}`)
