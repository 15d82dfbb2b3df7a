// The progress line on a terminal: rewritten in place, so it must never wrap; a narrow
// terminal loses the bar and the speed figures before the pseudo-label ones.
import { describe, expect, it } from 'vitest'
import { PROGRESS_WINDOW, ProgressPrinter, fitLine } from '../../src/cli/progress'
import type { RunProgress } from '../../src/shared/metrics'
import { stepRecord } from '../node/session/fixtures'

const progress = (step: number): RunProgress => ({ step, totalSteps: 600, stepsPerSec: 2, imagesPerSec: 224, etaSec: 300 })

function printer(columns: number | undefined): { p: ProgressPrinter; out: string[] } {
  const out: string[] = []
  return { p: new ProgressPrinter({ isTTY: true, columns, write: (t) => out.push(t) }), out }
}

describe('progress line', () => {
  it('counts confident-wrong over the window and over the run', () => {
    const { p, out } = printer(undefined)
    // stepRecord has confidentWrong 3 a step.
    p.onMetrics(Array.from({ length: 30 }, (_, i) => stepRecord(i + 1)))
    p.onProgress(progress(30))
    expect(out[0]).toContain(`confWrong ${3 * PROGRESS_WINDOW} (total 90)`)
    expect(p.confidentWrongTotal).toBe(90)
  })

  it.each([200, 120, 100, 80, 60])('fits a %i-column terminal, keeping the step and confident-wrong as long as it can', (columns) => {
    const { p, out } = printer(columns)
    p.onMetrics([stepRecord(1), stepRecord(2)])
    p.onProgress(progress(2))
    const line = out[0].replace(/^\r/, '').trimEnd()
    expect(out[0].startsWith('\r')).toBe(true)
    expect(line.length).toBeLessThan(columns)
    expect(line).toMatch(/^(\[[#.]+\] )?\s*2\/600 /)
    if (columns >= 80) expect(line).toContain('confWrong 6')
    if (columns >= 200) expect(line).toMatch(/^\[[#.]+\] .* ETA 5:00$/)
  })

  it('drops whole figures, never a label without its value', () => {
    const line = '[#####...] 237/600 Lx 0.414 Lu 0.216 plAccAll 73.4% mask 27.1% plAccMasked   -   confWrong 12 (total 49) 53 img/s ETA 12:49'
    expect(fitLine(line, 200)).toBe(line)
    expect(fitLine(line, 100)).toBe('237/600 Lx 0.414 Lu 0.216 plAccAll 73.4% mask 27.1% plAccMasked - confWrong 12 (total 49) 53 img/s')
    expect(fitLine(line, 80)).toBe('237/600 Lx 0.414 Lu 0.216 plAccAll 73.4% mask 27.1% plAccMasked - confWrong 12')
    expect(fitLine(line, 65)).toBe('237/600 plAccAll 73.4% mask 27.1% plAccMasked - confWrong 12')
    expect(fitLine(line, 5)).toBe('237/')
  })

  it('a shorter line blanks what the longer one before it left', () => {
    const { p, out } = printer(undefined)
    p.onMetrics([stepRecord(1)])
    p.onProgress({ ...progress(1), etaSec: 36_000 })
    p.onProgress({ ...progress(2), etaSec: 5 })
    expect(out[1].length).toBe(out[0].length)
  })
})
