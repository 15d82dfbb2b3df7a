import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../src/engine/backend/select'
import { createModel, type ModelOptions, type SslModel } from '../../../src/engine/models'
import { AppError } from '../../../src/shared/errors'

const base: Omit<ModelOptions, 'arch'> = { numClasses: 10, inputShape: [28, 28, 1], bnMomentum: 0.999, leakySlope: 0.1, seed: 5 }
const cifar = (arch: ModelOptions['arch'], numClasses = 10): ModelOptions => ({ ...base, arch, numClasses, inputShape: [32, 32, 3] })

function weights(model: SslModel): Map<string, Float32Array> {
  return new Map(model.params.map((p) => [p.name, Float32Array.from(p.variable.dataSync())]))
}

function input(shape: [number, number, number, number], seed: number): tf.Tensor4D {
  return tf.tidy(() => tf.randomNormal(shape, 0, 1, 'float32', seed) as tf.Tensor4D)
}

describe('createModel', () => {
  beforeAll(async () => {
    await selectBackend('wasm')
  })

  it('counts trainable parameters as PyTorch does for K\'s WideResNets, initialized as K does', () => {
    const before = tf.memory().numTensors
    const wrn2 = createModel(cifar('wrn-28-2'))
    expect(wrn2.countParams()).toBe(1_467_610)
    wrn2.dispose()
    const wrn8 = createModel(cifar('wrn-28-8', 100))
    expect(wrn8.countParams()).toBe(23_401_012)
    // K's init: He-normal fan-out convs, BN gamma 1 beta 0, zero fc bias.
    const values = Float32Array.from(wrn8.params.find((p) => p.name === 'block3.layer.1.conv2.weight')!.variable.dataSync())
    const std = Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length)
    expect(std).toBeCloseTo(Math.sqrt(2 / (9 * 512)), 3)
    expect(Array.from(wrn8.params.find((p) => p.name === 'bn1.weight')!.variable.dataSync()).every((v) => v === 1)).toBe(true)
    expect(Array.from(wrn8.params.find((p) => p.name === 'fc.bias')!.variable.dataSync()).every((v) => v === 0)).toBe(true)
    wrn8.dispose()
    expect(tf.memory().numTensors).toBe(before)
  })

  it('names parameters uniquely, PyTorch style, with decay off for biases and BatchNorm', () => {
    const model = createModel(cifar('wrn-28-2'))
    const names = [...model.params, ...model.buffers].map((p) => p.name)
    expect(new Set(names).size).toBe(names.length)
    expect(names).toContain('block1.layer.0.conv1.weight')
    expect(names).toContain('block2.layer.0.convShortcut.weight')
    expect(names).toContain('block3.layer.3.bn2.running_var')
    expect(names).toContain('fc.bias')
    for (const p of model.params) expect(p.decay, p.name).toBe(!(p.name.endsWith('.bias') || /bn\d?\./.test(p.name)))
    for (const b of model.buffers) expect(b.name).toMatch(/running_(mean|var)$/)
    model.dispose()
  })

  it('gives identical weights for the same seed on every backend, different ones for another seed', async () => {
    const a = createModel({ ...base, arch: 'small-cnn' })
    const wa = weights(a)
    await tf.setBackend('cpu')
    const b = createModel({ ...base, arch: 'small-cnn' })
    const c = createModel({ ...base, arch: 'small-cnn', seed: 6 })
    const wb = weights(b)
    const wc = weights(c)
    await tf.setBackend('wasm')
    for (const [name, values] of wa) expect(wb.get(name), name).toEqual(values)
    expect(wc.get('conv2.weight')).not.toEqual(wa.get('conv2.weight'))
    for (const m of [a, b, c]) m.dispose()
  })

  it('outputs [batch, classes] logits for each architecture', () => {
    const small = createModel({ ...base, arch: 'small-cnn' })
    const wrn = createModel(cifar('wrn-28-2'))
    const out = tf.tidy(() => [small.apply(input([3, 28, 28, 1], 1), false).shape, wrn.apply(input([2, 32, 32, 3], 2), true).shape])
    expect(out).toEqual([[3, 10], [2, 10]])
    small.dispose()
    wrn.dispose()
  })

  it('updates BatchNorm moving statistics only in training mode, dead BN1 layers included', () => {
    const model = createModel(cifar('wrn-28-2'))
    const read = () => new Map(model.buffers.map((b) => [b.name, Float32Array.from(b.variable.dataSync())]))
    const start = read()
    tf.tidy(() => model.apply(input([2, 32, 32, 3], 3), false))
    expect(read()).toEqual(start)
    tf.tidy(() => model.apply(input([2, 32, 32, 3], 3), true))
    const after = read()
    for (const name of after.keys()) expect(after.get(name), name).not.toEqual(start.get(name))
    model.dispose()
  })

  it('leaks no tensor in apply or across gradient steps', () => {
    const model = createModel({ ...base, arch: 'small-cnn' })
    const x = input([4, 28, 28, 1], 4)
    const labels = tf.oneHot(tf.tensor1d([1, 2, 3, 4], 'int32'), 10)
    const step = () =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(
          () => tf.losses.softmaxCrossEntropy(labels, model.apply(x, true)) as tf.Scalar,
          model.params.map((p) => p.variable)
        )
        for (const p of model.params) p.variable.assign(tf.sub(p.variable, tf.mul(grads[p.variable.name], 0.1)))
        return value.dataSync()[0]
      })
    const before = tf.memory().numTensors
    tf.tidy(() => {
      model.apply(x, false)
    })
    tf.tidy(() => {
      model.apply(x, true)
    })
    expect(tf.memory().numTensors).toBe(before)
    const losses = [step(), step(), step()]
    expect(tf.memory().numTensors).toBe(before)
    expect(losses[2]).toBeLessThan(losses[0])
    tf.dispose([x, labels])
    model.dispose()
  })

  it('gives every parameter a gradient, exactly zero for the dead BN1 layers of WRN', () => {
    const model = createModel({ ...cifar('wrn-28-2'), inputShape: [8, 8, 3] })
    tf.tidy(() => {
      const { grads } = tf.variableGrads(
        () => tf.sum(tf.square(model.apply(input([2, 8, 8, 3], 5), true))) as tf.Scalar,
        model.params.map((p) => p.variable)
      )
      for (const p of model.params) {
        const grad = grads[p.variable.name]
        expect(grad, p.name).toBeDefined()
        const dead = /^block[23]\.layer\.0\.bn1\./.test(p.name)
        const maxAbs = tf.max(tf.abs(grad)).dataSync()[0]
        if (dead) expect(maxAbs, p.name).toBe(0)
        else if (p.name.endsWith('.weight')) expect(maxAbs, p.name).toBeGreaterThan(0)
      }
    })
    model.dispose()
  })

  it('rejects bad options and bad inputs with clear errors', () => {
    expect(() => createModel({ ...base, arch: 'small-cnn', numClasses: 1 })).toThrow(AppError)
    expect(() => createModel({ ...base, arch: 'small-cnn', bnMomentum: 1 })).toThrow(/bnMomentum/)
    const model = createModel({ ...base, arch: 'small-cnn' })
    expect(() => tf.tidy(() => model.apply(input([1, 32, 32, 3], 1), false))).toThrow(/\[batch, 28, 28, 1\]/)
    model.dispose()
  })
})
