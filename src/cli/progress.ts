// Terminal progress: one self-rewriting line on a TTY, plain periodic lines otherwise.
// Loss and pseudo-label figures are means over the recent steps, so the line is readable;
// confident-wrong is a count over them, beside the run's total. --help explains each figure
// (figures-help.ts).
import type { RunProgress, StepMetrics } from '../shared/metrics'
import type { RuleKind } from '../shared/pseudo-label-rule'

export interface ProgressSink {
  isTTY: boolean
  /** The terminal's width, when known: a rewritten line must not wrap. */
  readonly columns?: number
  write(text: string): void
}

/** What a narrow terminal loses first (a figure's label); then figures from the right. */
const DROP_ORDER = ['ETA', 'img/s', '(total', 'Lu', 'Lx']

/**
 * A line for a terminal `columns` wide: a wrapped line cannot be rewritten in place. Drops the
 * bar, then whole figures, the pseudo-label ones last. After the step count the line is pairs
 * of label and value ("53 img/s": value first).
 */
export function fitLine(line: string, columns: number | undefined): string {
  if (!columns || line.length < columns) return line
  const words = line.replace(/^\[[#.]*\] /, '').trim().split(/\s+/)
  const pairs: string[][] = []
  for (let i = 1; i < words.length; i += 2) pairs.push(words.slice(i, i + 2))
  const label = (pair: string[]): string => (pair[1] === 'img/s' ? pair[1] : pair[0])
  const text = (): string => [words[0], ...pairs.flat()].join(' ')
  while (pairs.length > 0 && text().length >= columns) {
    const next = DROP_ORDER.map((l) => pairs.findIndex((p) => label(p) === l)).find((i) => i >= 0)
    pairs.splice(next ?? pairs.length - 1, 1)
  }
  return text().slice(0, Math.max(0, columns - 1))
}

/** Steps the progress line's figures cover. */
export const PROGRESS_WINDOW = 20

const pct = (v: number | null): string => (v === null || Number.isNaN(v) ? '  -  ' : `${(100 * v).toFixed(1)}%`)

export function formatDuration(sec: number | null): string {
  if (sec === null || !Number.isFinite(sec)) return '--:--'
  const s = Math.max(0, Math.round(sec))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const r = String(s % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`
}

/** Means over a window of step records (plAccMasked weighted by what each step used: masked count or weight sum). */
export function windowStats(records: readonly StepMetrics[]) {
  const n = records.length
  const mean = (f: (r: StepMetrics) => number): number => (n ? records.reduce((s, r) => s + f(r), 0) / n : 0)
  const used = (r: StepMetrics): number => r.maskRate * r.unlabeledBatch
  const masked = records.reduce((s, r) => s + used(r), 0)
  const maskedRight = records.reduce((s, r) => s + (r.plAccMasked ?? 0) * used(r), 0)
  return {
    lossX: mean((r) => r.lossX),
    lossU: mean((r) => r.lossU),
    plAccAll: mean((r) => r.plAccAll),
    maskRate: mean((r) => r.maskRate),
    plAccMasked: masked > 0 ? maskedRight / masked : null,
    confidentWrong: records.reduce((s, r) => s + r.confidentWrong, 0)
  }
}

/** SoftMatch's used fraction is its mean weight: say so wherever a mask rate would be printed. */
export function usedLabel(kind: RuleKind, short = false): string {
  if (kind === 'weights') return short ? 'weight' : 'meanWeight'
  return short ? 'mask' : 'maskRate'
}

/** Confident-wrong: masked pseudo-labels that are wrong; for weights, the weight on wrong ones. */
export function wrongLabel(kind: RuleKind, short = false): string {
  if (kind === 'weights') return short ? 'wrongWeight' : 'weight on wrong'
  return short ? 'confWrong' : 'confident-wrong'
}

/** A count, or for weights a sum of weights (one decimal). */
export const amount = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(1))

function formatProgressLine(progress: RunProgress, recent: readonly StepMetrics[], kind: RuleKind, wrongTotal: number): string {
  const w = windowStats(recent)
  const width = String(progress.totalSteps).length
  const bar = 20
  const filled = Math.round((bar * progress.step) / Math.max(1, progress.totalSteps))
  return (
    `[${'#'.repeat(filled)}${'.'.repeat(bar - filled)}] ${String(progress.step).padStart(width)}/${progress.totalSteps}` +
    ` Lx ${w.lossX.toFixed(3)} Lu ${w.lossU.toFixed(3)}` +
    ` plAccAll ${pct(w.plAccAll)} ${usedLabel(kind, true)} ${pct(w.maskRate)} plAccMasked ${pct(w.plAccMasked)}` +
    ` ${wrongLabel(kind, true)} ${amount(w.confidentWrong)} (total ${amount(wrongTotal)})` +
    ` ${progress.imagesPerSec.toFixed(0)} img/s ETA ${formatDuration(progress.etaSec)}`
  )
}

export class ProgressPrinter {
  private recent: StepMetrics[] = []
  private wrongTotal = 0
  private lastPrint = 0
  private lastLength = 0

  constructor(
    private readonly sink: ProgressSink,
    private readonly plainEveryMs = 10_000,
    private readonly ruleKind: RuleKind = 'threshold'
  ) {}

  onMetrics(records: readonly StepMetrics[]): void {
    this.recent.push(...records)
    if (this.recent.length > PROGRESS_WINDOW) this.recent = this.recent.slice(-PROGRESS_WINDOW)
    for (const r of records) this.wrongTotal += r.confidentWrong
  }

  onProgress(progress: RunProgress): void {
    const line = formatProgressLine(progress, this.recent, this.ruleKind, this.wrongTotal)
    const now = Date.now()
    if (this.sink.isTTY) {
      const fitted = fitLine(line, this.sink.columns)
      this.sink.write(`\r${fitted}${' '.repeat(Math.max(0, this.lastLength - fitted.length))}`)
      this.lastLength = fitted.length
    } else if (now - this.lastPrint >= this.plainEveryMs || progress.step === progress.totalSteps) {
      this.lastPrint = now
      this.sink.write(`${line}\n`)
    }
  }

  /** Confident-wrong summed over every step this run has reported. */
  get confidentWrongTotal(): number {
    return this.wrongTotal
  }

  /** Ends the TTY line before other output. */
  message(text: string): void {
    if (this.sink.isTTY && this.lastLength > 0) {
      this.sink.write('\n')
      this.lastLength = 0
    }
    this.sink.write(`${text}\n`)
  }
}
