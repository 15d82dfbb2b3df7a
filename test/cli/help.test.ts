// `npm run experiment` tells what it prints: a real run's progress line carries confident-wrong
// counts that match metrics.jsonl, and every label on the progress line, the eval lines and the
// summary is explained by `npm run experiment -- --help`.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readMetrics } from '../../src/node/session/session-reader'
import type { StepMetrics } from '../../src/shared/metrics'
import { runNpmExperiment, type CliResult } from './cli-process'

// A low threshold, so pseudo-labels pass (and are mostly wrong) from the first steps.
const CONFIG = fileURLToPath(new URL('./fixtures/confident-wrong-run.json', import.meta.url))
const STEPS = 25
const root = mkdtempSync(join(tmpdir(), 'pseudoscope-help-'))
const out = join(root, 'session')
let help: CliResult
let run: CliResult
let metrics: StepMetrics[]

beforeAll(async () => {
  ;[help, run] = await Promise.all([
    runNpmExperiment(['--help']),
    runNpmExperiment(['--preset', 'quick-mnist', '--labels-per-class', '2', '--config', CONFIG, '--steps', String(STEPS), '--backend', 'wasm', '--out', out])
  ])
  metrics = await readMetrics(out)
}, 180_000)
afterAll(() => rmSync(root, { recursive: true, force: true }))

const sum = (records: readonly StepMetrics[]): number => records.reduce((s, r) => s + r.confidentWrong, 0)
const section = (title: string, next: string): string => help.stdout.slice(help.stdout.indexOf(title), help.stdout.indexOf(next))
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
/** A label as its own word (img/s, plAccAll, confident-wrong). */
const word = (label: string): RegExp => new RegExp(`(^|[\\s("])${escape(label)}($|[\\s)":,])`, 'm')

describe('npm run experiment prints what --help explains', () => {
  it('--help exits 0 with the options and a section on every printed figure', () => {
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('--config FILE')
    expect(help.stdout).toContain('What the run prints')
    expect(help.stdout).toMatch(/confWrong 12 +confident-wrong: pseudo-labels that pass the threshold and are/)
  })

  it('the progress line carries confident-wrong: over the last 20 steps and over the run, as metrics.jsonl has them', () => {
    expect(run.code, run.stderr).toBe(0)
    expect(metrics.map((m) => m.step)).toEqual(Array.from({ length: STEPS }, (_, i) => i + 1))
    const last = run.stdout.split('\n').filter((l) => l.startsWith('[')).at(-1)!
    expect(last).toContain(`${STEPS}/${STEPS}`)
    const m = /confWrong (\d+) \(total (\d+)\)/.exec(last)
    expect(m, last).not.toBeNull()
    expect(Number(m![1])).toBe(sum(metrics.slice(-20)))
    expect(Number(m![2])).toBe(sum(metrics))
    expect(sum(metrics)).toBeGreaterThan(sum(metrics.slice(-20)))
    expect(run.stdout).toContain(`confident-wrong    ${sum(metrics)} in the last ${STEPS} steps, ${sum(metrics)} over this run`)
  })

  it('every label on the progress line is explained in the progress-line part of --help', () => {
    const explained = section('Progress line', 'Eval lines')
    const last = run.stdout.split('\n').filter((l) => l.startsWith('[')).at(-1)!
    // What is left once numbers, percentages, times, the bar and brackets are dropped.
    const labels = last.split(/\s+/).map((t) => t.replace(/^\(|\)$/g, '')).filter((t) => t && !/^[[\]#.\d/%:-]+$/.test(t))
    expect(labels).toEqual(expect.arrayContaining(['Lx', 'Lu', 'plAccAll', 'mask', 'plAccMasked', 'confWrong', 'img/s', 'ETA']))
    for (const label of labels) expect(explained, label).toMatch(word(label))
  })

  it('the eval lines and every summary line are explained, each figure name included', () => {
    const numbers = (s: string): string => s.replace(/\d+(\.\d+)?/g, '#')
    const evalLine = run.stdout.split('\n').find((l) => l.startsWith(`step ${STEPS}: test accuracy`))!
    expect(numbers(section('Eval lines', 'Summary at the end'))).toContain(numbers(evalLine))

    const summary = section('Summary at the end', '--compare-algorithms ends')
    const lines = run.stdout.split('\n')
    const body = lines.slice(lines.findIndex((l) => l.startsWith('Finished at step')) + 1).filter((l) => /^ {2}\S/.test(l))
    expect(body.length).toBeGreaterThanOrEqual(6)
    for (const line of body) {
      const label = line.trim().split(/ {2,}/)[0].replace(/\d+/g, 'N').replace(/\((ema|raw)\)/, '(ema|raw)')
      expect(summary, line).toMatch(new RegExp(`^ {4}${escape(label)} `, 'm'))
      // Figure names (raw, EMA, plAccAll, ...), paths left out.
      const names = line.replace(/\S*\/\S*/g, '').match(/\b(raw|EMA|[a-z]+[A-Z]\w*)\b/g) ?? []
      for (const name of names) expect(summary, `${name} in: ${line}`).toMatch(word(name))
    }
  })
})
