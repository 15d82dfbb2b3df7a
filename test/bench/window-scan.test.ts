// The parity bench's scan over every window: Welch's t per disjoint window of steps, counting the
// windows that differ and in which direction, on series built by hand.
import { describe, expect, it } from 'vitest'
import { scanWindows, type StepSeries } from '../../bench/window-scan'

/** A seed's series: value(step) for steps 1..n. */
const series = (n: number, value: (step: number) => number): StepSeries => new Map(Array.from({ length: n }, (_, i) => [i + 1, value(i + 1)]))

describe('scanWindows', () => {
  it('finds no difference between sides drawn alike, and every window where one side is shifted', () => {
    // Three seeds a side, each a different constant wobble, so every window has a spread.
    const side = (shift: number) => [0, 1, 2].map((seed) => series(100, (step) => 1 + 0.1 * seed + 0.01 * (step % 3) + shift))
    const alike = scanWindows(side(0), side(0), 100, 25)
    expect(alike).toMatchObject({ windows: 4, differing: [], engineLower: 0 })
    const shifted = scanWindows(side(0), side(1), 100, 25)
    expect(shifted.differing.map((d) => d.step)).toEqual([25, 50, 75, 100])
    expect(shifted.engineLower).toBe(4)
    expect(shifted.differing[0].twin - shifted.differing[0].engine).toBeCloseTo(1, 12)
  })

  it('flags only the window where the sides part, and leaves out a window a seed lacks', () => {
    const engine = [0, 1, 2].map((seed) => series(100, (step) => 1 + 0.1 * seed + (step > 50 && step <= 75 ? 5 : 0)))
    const twin = [0, 1, 2].map((seed) => series(100, () => 1.05 + 0.1 * seed))
    const r = scanWindows(engine, twin, 100, 25)
    expect(r.differing.map((d) => [d.step, d.engine > d.twin])).toEqual([[75, true]])
    expect(r.engineLower).toBe(0)
    // Steps 76-100 missing on every seed of one side: that window is not tested.
    const cut = twin.map((s) => new Map([...s].filter(([step]) => step <= 75)))
    expect(scanWindows(engine, cut, 100, 25).windows).toBe(3)
  })
})
