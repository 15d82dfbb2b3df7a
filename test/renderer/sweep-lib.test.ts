// The Sweeps view's pure parts: the grid editor's rows to a grid, and the overlaid curves.
import { describe, expect, it } from 'vitest'
import { presetConfig } from '../../src/shared/config/presets'
import type { SweepManifest } from '../../src/shared/sweep-manifest'
import { expandSweep, parseSweepSpec } from '../../src/shared/sweep-spec'
import type { SweepDetail } from '../../src/shared/sweep-view'
import { CONFIG_FIELDS } from '../../src/renderer/src/lib/config-fields'
import { checkGrid, parseGridValues } from '../../src/renderer/src/lib/sweep-grid'
import { sweepCurveLines } from '../../src/renderer/src/lib/sweep-curves'
import { sweepActionsAllowed } from '../../src/renderer/src/lib/sweep-actions'
import { buildLineOption } from '../../src/renderer/src/lib/line-chart-option'

const field = (path: string) => CONFIG_FIELDS.find((f) => f.path === path)

describe('grid editor', () => {
  it('parses values by the field kind', () => {
    expect(parseGridValues('number', '0.9, 0.95 ,')).toEqual([0.9, 0.95])
    expect(parseGridValues('int', '1,2.5')).toEqual({ key: 'sweeps.gridError.number', value: '2.5' })
    expect(parseGridValues('bool', 'true,no')).toEqual({ key: 'sweeps.gridError.bool', value: 'no' })
    expect(parseGridValues('tri-bool', 'auto,true')).toEqual([null, true])
    expect(parseGridValues('enum', 'fixmatch, flexmatch', ['fixmatch', 'flexmatch'])).toEqual(['fixmatch', 'flexmatch'])
    expect(parseGridValues('enum', 'mixmatch', ['fixmatch'])).toEqual({ key: 'sweeps.gridError.option', value: 'mixmatch' })
    expect(parseGridValues('text', ' ')).toEqual({ key: 'sweeps.gridError.empty' })
  })

  it('makes a grid and counts its runs; a bad or repeated row counts none', () => {
    const ok = checkGrid([{ path: 'algorithm.threshold', values: '0.9, 0.95' }, { path: 'seed', values: '1,2,3' }], field)
    expect(ok).toEqual({ grid: { 'algorithm.threshold': [0.9, 0.95], seed: [1, 2, 3] }, errors: {}, runs: 6 })
    const bad = checkGrid([{ path: 'seed', values: '1' }, { path: 'seed', values: '2' }, { path: 'nope', values: '1' }], field)
    expect(bad.errors).toEqual({ 1: { key: 'sweeps.gridError.duplicate' }, 2: { key: 'sweeps.gridError.noField' } })
    expect(bad.runs).toBe(0)
    // What the editor makes, main's spec accepts.
    expect(expandSweep(parseSweepSpec({ name: 'x', config: presetConfig('quick-mnist'), grid: ok.grid }))).toHaveLength(6)
  })
})

describe('sweep curves', () => {
  const spec = parseSweepSpec({ name: 's', grid: { 'algorithm.threshold': [0.9, 0.95], seed: [1, 2] } })
  const manifest = {
    spec,
    runs: expandSweep(spec).map((p) => ({ ...p, state: 'finished', schedulerState: null, jobId: null, jobIds: [], exitCode: 0, signal: null, attempts: 1, updatedAt: 0 }))
  } as unknown as SweepManifest
  const result = { step: 2, totalSteps: 2, plAccAll: 0.5, maskRate: 0.1, testAcc: 0.8, emaTestAcc: 0.82 }
  const curves = { plAccAll: [[1, 0.4], [2, 0.5]] as [number, number][], maskRate: [[1, 0], [2, 0.1]] as [number, number][], testAcc: [[2, 0.82]] as [number, number][] }
  const detail = { manifest, results: [result, result, result, null], curves: [curves, curves, curves, null] } as unknown as SweepDetail

  it('draws one line per run with a session, seeds of a grid point in one colour', () => {
    const lines = sweepCurveLines(detail, 'plAccAll', ['red', 'blue'])
    expect(lines.map((l) => [l.name, l.color])).toEqual([['threshold-0.9_seed-1', 'red'], ['threshold-0.9_seed-2', 'red'], ['threshold-0.95_seed-1', 'blue']])
    expect(Array.from(lines[0].y)).toEqual([0.4, 0.5])
    expect(sweepCurveLines(detail, 'testAcc', ['red'])[0].showPoints).toBe(true)
    const option = buildLineOption({ lines, xMode: 'step', smoothing: 0, window: null, buckets: 100, dark: false, yAxes: [{ name: 'plAccAll', percent: true }], text: { t: (k) => k, locale: 'en' } })
    expect((option.series as unknown[]).length).toBeGreaterThanOrEqual(3)
  })
})

describe('sweep actions', () => {
  const detail = (followedBy: string | null, readOnly: string | null) => ({ followedBy, summary: { readOnly } }) as unknown as SweepDetail
  it('offers Cancel and Resubmit only for a sweep nobody else follows and main may run', () => {
    expect(sweepActionsAllowed(detail(null, null))).toBe(true)
    expect(sweepActionsAllowed(detail('process 7 on host', null))).toBe(false)
    expect(sweepActionsAllowed(detail(null, 'ssh option ProxyCommand runs a command'))).toBe(false)
    expect(sweepActionsAllowed(null)).toBe(false)
  })
})
