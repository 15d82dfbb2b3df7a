// Dash and AdaMatch rules against values computed by hand (in the comments) on small batches;
// docs/guide/algorithms.md, Dash and AdaMatch.
import { describe, expect, it } from 'vitest'
import { AdaMatchStrategy } from '../../../src/shared/algorithms/adamatch'
import { DashStrategy, dashRhoInterval, dashWarmupSteps, type DashSettings } from '../../../src/shared/algorithms/dash'
import type { MaskStrategy } from '../../../src/shared/algorithms/mask-strategy'
import { lossTargets } from '../../../src/shared/algorithms/soft-targets'
import { ruleConfidences } from '../../../src/shared/pseudo-label-rule'

const input = (rows: number[][], step: number, labeledRows: number[][], labels: number[]) => ({
  probs: new Float32Array(rows.flat()),
  numClasses: rows[0].length,
  unlabeledPositions: Int32Array.from(rows, (_, i) => i),
  step,
  labeled: { probs: new Float32Array(labeledRows.flat()), labels: Int32Array.from(labels) }
})
const run = (s: MaskStrategy, rows: number[][], step: number, labeledRows = [[0.5, 0.5], [0.25, 0.75]], labels = [0, 1]) => s.compute(input(rows, step, labeledRows, labels))

// rho_init = (ln 2 + ln 4/3) / 2 = 0.490415 (the labeled batch's loss at step 1).
const RHO_INIT = (Math.log(2) + Math.log(4 / 3)) / 2
const dash = (overrides: Partial<DashSettings> = {}) =>
  new DashStrategy({ temperature: 0.5, gamma: 2, c: 1.0001, rhoMin: 0.05, warmupSteps: 2, rhoInterval: 2, ...overrides })

describe('Dash (USB)', () => {
  it('trains on labels alone through its warm-up, reading rho_init from the labeled loss at step 1', () => {
    const s = dash()
    const out = run(s, [[0.9, 0.1]], 1)
    expect(Array.from(out.weight)).toEqual([0])
    expect([1, 2, 3].map((step) => s.unsupScale(step))).toEqual([0, 0, 1])
    expect(s.getState()).toEqual({ rhoInit: expect.closeTo(RHO_INIT, 6), rho: null, updates: 0 })
    // A later labeled batch does not move rho_init.
    run(s, [[0.9, 0.1]], 2, [[0.99, 0.01]], [0])
    expect(s.getState().rhoInit).toBeCloseTo(RHO_INIT, 6)
  })

  it('masks CE(p, softmax(logits / T)) <= rho with soft targets while rho > rho_min', () => {
    const s = dash()
    run(s, [[0.9, 0.1]], 1)
    run(s, [[0.9, 0.1]], 2)
    // Step 3 is it 0: rho = 1.0001 * 0.490415 = 0.490464.
    // Row 0: q = (0.81, 0.01) / 0.82; CE = 0.987805 * 0.105361 + 0.012195 * 2.302585 = 0.132156 <= rho.
    // Row 1: q = (0.36, 0.16) / 0.52; CE = 0.692308 * 0.510826 + 0.307692 * 0.916291 = 0.635585 > rho.
    const out = run(s, [[0.9, 0.1], [0.6, 0.4]], 3)
    expect(s.currentRho()).toBeCloseTo(1.0001 * RHO_INIT, 9)
    expect(Array.from(out.mask)).toEqual([1, 0])
    expect(Array.from(out.weight)).toEqual([1, 0])
    expect(Array.from(out.pseudo)).toEqual([0, 0])
    expect(Array.from(out.targets ?? [])).toEqual([0.81 / 0.82, 0.01 / 0.82, 0.36 / 0.52, 0.16 / 0.52].map((v) => expect.closeTo(v, 6)))
    expect(out.rule).toEqual({ kind: 'threshold', threshold: expect.closeTo(Math.exp(-1.0001 * RHO_INIT), 9), sharpen: 0.5 })
    const rc = ruleConfidences(out.rule, new Float32Array([0.9, 0.1, 0.6, 0.4]), 2)
    expect(-Math.log(rc[0])).toBeCloseTo(0.132156, 5)
    expect(-Math.log(rc[1])).toBeCloseTo(0.635585, 5)
  })

  it('updates rho = max(C gamma^-k rho_init, rho_min) every interval, and at rho_min trains on hard labels', () => {
    const s = dash({ rhoMin: 0.3 })
    for (const step of [1, 2, 3, 4]) run(s, [[0.9, 0.1]], step)
    // Step 4 is it 1: no update.
    expect(s.getState()).toMatchObject({ updates: 1, rho: expect.closeTo(1.0001 * RHO_INIT, 9) })
    // Step 5 is it 2: rho = max(1.0001 / 2 * 0.490415, 0.3) = 0.3: hard, -ln max p <= 0.3 <=> max p >= 0.740818.
    const out = run(s, [[0.9, 0.1], [0.7, 0.3]], 5)
    expect(s.getState()).toMatchObject({ updates: 2, rho: 0.3 })
    expect(Array.from(out.mask)).toEqual([1, 0])
    expect(out.targets).toBeUndefined()
    expect(out.rule).toEqual({ kind: 'threshold', threshold: expect.closeTo(Math.exp(-0.3), 9) })
  })

  it('sizes its warm-up and interval as USB does on a run of the config steps', () => {
    // USB: 2048 warm-up iterations of 2^20; rho every 10 epochs of num_train_iter / 1024.
    expect(dashWarmupSteps(2048 / 2 ** 20, 2 ** 20)).toBe(2048)
    expect(dashWarmupSteps(2048 / 2 ** 20, 600)).toBe(1)
    expect(dashRhoInterval(2 ** 20)).toBe(10240)
    expect(dashRhoInterval(600)).toBe(10)
  })

  it('resumes from its state exactly and refuses a damaged one', () => {
    const a = dash()
    for (const step of [1, 2, 3]) run(a, [[0.9, 0.1]], step)
    const b = dash()
    b.setState(JSON.parse(JSON.stringify(a.getState())) as Record<string, unknown>)
    for (const step of [4, 5, 6]) expect(run(b, [[0.8, 0.2]], step)).toEqual(run(a, [[0.8, 0.2]], step))
    expect(() => b.setState({ rhoInit: 'x', rho: null, updates: 0 })).toThrow(/Dash state is damaged/)
  })
})

describe('AdaMatch (USB)', () => {
  // Labeled: max p 0.8 and 0.6, mean 0.7: cutoff 0.9 * 0.7 = 0.63. p_target = 0.5 (0.5, 0.5) + 0.5 (0.6, 0.4) = (0.55, 0.45).
  // Unlabeled mean (0.58, 0.42) = p_model (first step). Alignment (0.55 / 0.58, 0.45 / 0.42) = (0.948276, 1.071429).
  const LABELED = [
    [0.8, 0.2],
    [0.4, 0.6]
  ]
  const ROWS = [
    [0.9, 0.1],
    [0.6, 0.4],
    [0.3, 0.7],
    [0.52, 0.48]
  ]

  it('thresholds the aligned max at p_cutoff x the labeled mean confidence, labels by the aligned argmax', () => {
    const s = new AdaMatchStrategy(2, 0.9, 0.5)
    const out = run(s, ROWS, 1, LABELED, [0, 1])
    // Aligned rows: (0.888462, 0.111538) pass; (0.570370, 0.429630) below 0.63;
    // (0.275, 0.725) pass as 1; (0.489486, 0.510514): the alignment flips it to 1, below 0.63.
    expect(Array.from(out.pseudo)).toEqual([0, 0, 1, 1])
    expect(Array.from(out.mask)).toEqual([1, 0, 1, 0])
    expect(Array.from(out.weight)).toEqual([1, 0, 1, 0])
    expect(Array.from(out.confidence)).toEqual([0.888462, 0.57037, 0.725, 0.510514].map((v) => expect.closeTo(v, 5)))
    expect(out.rule).toEqual({ kind: 'threshold', threshold: expect.closeTo(0.63, 6), alignment: [expect.closeTo(0.948276, 5), expect.closeTo(1.071429, 5)] })
    expect(s.getState()).toEqual({ pModel: [0.58, 0.42].map((v) => expect.closeTo(v, 6)), pTarget: [0.55, 0.45].map((v) => expect.closeTo(v, 6)), cutoff: expect.closeTo(0.63, 6) })
  })

  it('moves p_model and p_target as EMAs (momentum ema_p) and resumes from its state', () => {
    const s = new AdaMatchStrategy(2, 0.9, 0.5)
    run(s, ROWS, 1, LABELED, [0, 1])
    const copy = new AdaMatchStrategy(2, 0.9, 0.5)
    copy.setState(JSON.parse(JSON.stringify(s.getState())) as Record<string, unknown>)
    const next = run(s, [[0.2, 0.8]], 2, [[0.9, 0.1]], [0])
    // p_model = 0.5 (0.58, 0.42) + 0.5 (0.2, 0.8) = (0.39, 0.61); p_target = 0.5 (0.55, 0.45) + 0.5 (0.9, 0.1) = (0.725, 0.275).
    expect(s.getState()).toEqual({ pModel: [0.39, 0.61].map((v) => expect.closeTo(v, 6)), pTarget: [0.725, 0.275].map((v) => expect.closeTo(v, 6)), cutoff: expect.closeTo(0.81, 6) })
    expect(run(copy, [[0.2, 0.8]], 2, [[0.9, 0.1]], [0])).toEqual(next)
    expect(() => copy.setState({ pModel: [1], pTarget: [0.5, 0.5], cutoff: null })).toThrow(/AdaMatch state does not fit 2 classes/)
  })

  it('needs the labeled batch', () => {
    const s = new AdaMatchStrategy(2, 0.9, 0.5)
    expect(s.readsLabeled).toBe(true)
    expect(() => s.compute({ probs: new Float32Array([0.5, 0.5]), numClasses: 2, unlabeledPositions: Int32Array.from([0]), step: 1 })).toThrow(/labeled batch/)
  })
})

describe('soft targets under an oracle ablation', () => {
  it('keeps the strategy soft rows and turns a replaced pseudo-label into its one-hot', () => {
    const soft = new Float32Array([0.7, 0.3, 0.4, 0.6])
    const own = Int32Array.from([0, 1])
    expect(lossTargets(undefined, own, own, 2)).toBeNull()
    expect(Array.from(lossTargets(soft, own, own, 2) ?? [])).toEqual(Array.from(soft))
    expect(Array.from(lossTargets(soft, own, Int32Array.from([0, 0]), 2) ?? [])).toEqual([Math.fround(0.7), Math.fround(0.3), 1, 0])
  })
})
