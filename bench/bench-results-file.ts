// `--results FILE` for the FixMatch step bench: what the run measured, in the shape
// src/node/docs/bench-results.ts defines, for `npm run docs:bench` to put in the docs.
import { writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { resolve } from 'node:path'
import { BenchResultsSchema, type BenchResults, type BenchRow } from '../src/node/docs/bench-results'
import { thisMachine } from '../src/node/docs/machine'
import type { TorchReferences } from './torch-step'

/** The path after --results (or in --results=PATH), and the other arguments. */
export function resultsArg(argv: readonly string[]): { path: string | null; rest: string[] } {
  const rest: string[] = []
  let path: string | null = null
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--results') path = argv[++i] ?? null
    else if (a.startsWith('--results=')) path = a.slice('--results='.length)
    else rest.push(a)
  }
  return { path, rest }
}

interface MeasuredRow {
  name: string
  backend: string
  threads: number | null
  msPerStep: number
  cpuMsPerStep: number
  images: number
  steps: number
  warmup: number
}

type Ref = ReturnType<TorchReferences['get']>
const refMs = (ref: Ref): number | null => (ref === null || typeof ref === 'string' ? null : ref.ms)

export function writeBenchResults(
  path: string,
  run: { rows: readonly MeasuredRow[]; augMs: number; torch: TorchReferences | null; convIsa: string | null; backends: string[]; args: string[]; cores: number }
): void {
  let version: string | null = null
  const rows: BenchRow[] = run.rows.map((r) => {
    const same = run.torch?.get(r.name, r.threads ?? run.cores) ?? null
    const all = run.torch?.get(r.name, run.cores) ?? null
    for (const ref of [same, all]) if (ref !== null && typeof ref !== 'string') version ??= /^torch (\S+)/.exec(ref.line)?.[1] ?? null
    return { case: r.name, backend: r.backend, threads: r.threads, msPerStep: r.msPerStep, cpuMsPerStep: r.cpuMsPerStep, images: r.images, timedSteps: r.steps, warmupSteps: r.warmup, torchMs: refMs(same), torchMsAllCores: refMs(all) }
  })
  const results: BenchResults = BenchResultsSchema.parse({
    bench: 'fixmatch-step',
    finishedAt: Date.now(),
    machine: thisMachine(),
    backends: run.backends,
    torch: version === null ? null : { version, convIsa: run.convIsa },
    args: run.args,
    augmentationMs: run.augMs,
    loadAverage: loadavg(),
    rows
  })
  writeFileSync(resolve(path), `${JSON.stringify(results, null, 2)}\n`)
  console.log(`\nresults written to ${resolve(path)} (npm run docs:bench -- --results ${path} puts them in the docs)`)
}
