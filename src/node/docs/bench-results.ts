// What one `npm run bench -- fixmatch-step --results FILE` measured, and the markdown table the
// docs' Backends page shows from it (`npm run docs:bench`). Schema first: the bench writes this
// shape, the generator reads it back through the same schema.
import { z } from 'zod'
import { describeMachine, MachineSchema, utcMinute } from './machine'

export const BENCH_BLOCK = 'bench-table'

export const BenchRowSchema = z.object({
  /** e.g. "small-cnn full", "wrn-28-2 sixteenth". */
  case: z.string(),
  /** The backend and its device, e.g. "wasm (wasm-simd)". */
  backend: z.string(),
  /** CPU threads the backend computed on; null on a GPU or native backend. */
  threads: z.number().int().nullable(),
  msPerStep: z.number(),
  cpuMsPerStep: z.number(),
  images: z.number().int(),
  timedSteps: z.number().int(),
  /** 0: the first step is timed, cold (on webgpu, shader compilation included). */
  warmupSteps: z.number().int(),
  /** PyTorch's median step on the same shapes at the same threads; null when not measured. */
  torchMs: z.number().nullable(),
  /** PyTorch at every logical CPU. */
  torchMsAllCores: z.number().nullable()
})
export type BenchRow = z.infer<typeof BenchRowSchema>

export const BenchResultsSchema = z.object({
  bench: z.literal('fixmatch-step'),
  /** When the bench finished, ms since the epoch. */
  finishedAt: z.number(),
  machine: MachineSchema,
  /** The backend line of each backend timed (name, device, threads, oneDNN). */
  backends: z.array(z.string()),
  /** null: no python3 with torch, or --no-torch. */
  torch: z.object({ version: z.string(), convIsa: z.string().nullable() }).nullable(),
  /** The bench's own arguments, so the table says how to measure it again. */
  args: z.array(z.string()),
  augmentationMs: z.number(),
  /** os.loadavg() when the bench finished (1, 5, 15 min): how busy the machine was; absent in older files. */
  loadAverage: z.tuple([z.number(), z.number(), z.number()]).optional(),
  rows: z.array(BenchRowSchema)
})
export type BenchResults = z.infer<typeof BenchResultsSchema>

const CASE_TITLES: Readonly<Record<string, string>> = {
  'small-cnn labeled-64': 'Small CNN, labeled step only (64 images)',
  'small-cnn full': 'Small CNN, FixMatch step (64 + 2 × 448 images)',
  'wrn-28-2 sixteenth': 'WRN-28-2, FixMatch step at B = 4 (60 images)',
  'wrn-28-2 full': 'WRN-28-2, FixMatch paper step (960 images)'
}

const ms = (v: number | null): string => (v === null ? '-' : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(0)} ms`)

/** The generated block: where and when it was measured, the table, and the command that remakes it. */
export function benchMarkdown(r: BenchResults): string {
  const torch = r.torch === null ? 'PyTorch not measured (no python3 with torch)' : `PyTorch ${r.torch.version} on the CPU${r.torch.convIsa ? ` (its convolutions on oneDNN, ${r.torch.convIsa})` : ''}`
  const rows = r.rows.map((row) => {
    const ratio = row.torchMs === null ? '-' : `${(row.msPerStep / row.torchMs).toFixed(2)}x`
    return `| ${CASE_TITLES[row.case] ?? row.case} | ${row.backend} | ${row.threads ?? '-'} | ${ms(row.msPerStep)} | ${ms(row.torchMs)} | ${ratio} | ${ms(row.torchMsAllCores)} | ${row.timedSteps}${row.warmupSteps === 0 ? ', cold' : ''} |`
  })
  return [
    '<!-- Written by npm run docs:bench from a bench results file; do not edit by hand. -->',
    `Measured by \`npm run bench -- fixmatch-step${r.args.length > 0 ? ` ${r.args.join(' ')}` : ''}\` on ${describeMachine(r.machine)}, finished ${utcMinute(r.finishedAt)}; ${torch}, on the same cores in the same run.`,
    ...(r.loadAverage ? ['', `Load average when it finished: ${r.loadAverage.map((l) => l.toFixed(1)).join(', ')} (1, 5, 15 min) on ${r.machine.logicalCpus} CPUs; the busier the machine, the noisier each figure.`] : []),
    '',
    'Backends:',
    '',
    ...r.backends.map((b) => `- ${b}`),
    '',
    `| Case | Backend | Threads | Pseudoscope ms/step | PyTorch ms/step (same threads) | Ratio | PyTorch (${r.machine.logicalCpus} threads) | Timed steps |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Ratio: Pseudoscope's median step over PyTorch's (below 1 is faster). Augmenting one full batch took ${ms(r.augmentationMs)} on the CPU beside the step (not in the timed step). Cold: the first step timed, no warm-up (on webgpu, shader compilation included).`,
    '',
    `Regenerate: \`npm run bench -- fixmatch-step --results FILE\`, then \`npm run docs:bench -- --results FILE\`.`
  ].join('\n')
}
