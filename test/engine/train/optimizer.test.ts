import * as tf from '@tensorflow/tfjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ModelParam } from '../../../src/engine/models/types'
import { SgdOptimizer } from '../../../src/engine/train/optimizer'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

function params(): ModelParam[] {
  return [
    { name: 'kernel', variable: tf.variable(tf.scalar(1), true, `opt-k-${Math.random()}`), decay: true },
    { name: 'bias', variable: tf.variable(tf.scalar(1), true, `opt-b-${Math.random()}`), decay: false }
  ]
}

function run(nesterov: boolean): number[][] {
  const ps = params()
  const opt = new SgdOptimizer(ps, { momentum: 0.9, nesterov, weightDecay: 0.1 })
  const trace: number[][] = []
  for (let i = 0; i < 2; i++) {
    const grads = tf.tidy(() => Object.fromEntries(ps.map((p) => [p.variable.name, tf.scalar(0.5)])))
    opt.step(grads, 0.1)
    Object.values(grads).forEach((g) => g.dispose())
    trace.push(ps.map((p) => p.variable.dataSync()[0]))
  }
  opt.dispose()
  ps.forEach((p) => p.variable.dispose())
  return trace
}

describe('SgdOptimizer (torch.optim.SGD semantics)', () => {
  afterAll(() => undefined)

  it('applies Nesterov momentum with weight decay only on decay params (hand-computed)', () => {
    const trace = run(true)
    // kernel: g'=0.6, buf=0.6, d=1.14 -> 0.886; g'=0.5886, buf=1.1286, d=1.60434 -> 0.725566
    expect(trace[0][0]).toBeCloseTo(0.886, 5)
    expect(trace[1][0]).toBeCloseTo(0.725566, 5)
    // bias (no decay): d=0.5+0.45=0.95 -> 0.905; buf=0.95, d=0.5+0.855=1.355 -> 0.7695
    expect(trace[0][1]).toBeCloseTo(0.905, 5)
    expect(trace[1][1]).toBeCloseTo(0.7695, 5)
  })

  it('applies plain momentum when nesterov is off (hand-computed)', () => {
    const trace = run(false)
    expect(trace[0][0]).toBeCloseTo(0.94, 5)
    expect(trace[1][0]).toBeCloseTo(0.8266, 5)
    expect(trace[1][1]).toBeCloseTo(1 - 0.05 - 0.095, 5)
  })

  it('round-trips its momentum buffers', () => {
    const ps = params()
    const a = new SgdOptimizer(ps, { momentum: 0.9, nesterov: true, weightDecay: 0 })
    const grads = tf.tidy(() => Object.fromEntries(ps.map((p) => [p.variable.name, tf.scalar(2)])))
    a.step(grads, 0.1)
    const b = new SgdOptimizer(ps, { momentum: 0.9, nesterov: true, weightDecay: 0 })
    b.setSlots(a.getSlots())
    expect(b.getSlots().map((s) => s.tensor.dataSync()[0])).toEqual([2, 2])
    expect(() => b.setSlots([])).toThrow(/momentum buffer of kernel/)
    Object.values(grads).forEach((g) => g.dispose())
    a.dispose()
    b.dispose()
  })
})
