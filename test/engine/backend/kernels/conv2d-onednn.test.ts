// The convolutions on oneDNN (native addon) for wasm tensors: forward, input gradient and
// filter gradient against the definition and the stock cpu kernels on the shared cases, the
// same bits on every run at a fixed thread count, and clear errors for bad calls. With
// CI=true a missing addon fails (CI installs g++ and libdnnl-dev); elsewhere it is skipped.
import { spawnSync } from 'node:child_process'
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../../src/engine/backend/select'
import { CONV_OP, findAddon, onednn } from '../../../../src/engine/backend/onednn'
import { onednnPaths } from '../../../../src/engine/backend/kernels/conv2d-onednn'
import { Rng } from '../../../../src/shared/rng'
import { CASES, expectClose, grads, naiveFilterGrad, random, type Case } from './conv-cases'

const built = findAddon() !== null
const required = process.env.CI === 'true'

function forward(c: Case, xs: Float32Array, ws: Float32Array): Float32Array {
  return tf.tidy(() => Float32Array.from(tf.conv2d(tf.tensor4d(xs, c.x), tf.tensor4d(ws, [c.k, c.k, c.x[3], c.outC]), c.stride, c.pad).dataSync()))
}

describe('the oneDNN addon', () => {
  it('is built where CI runs (g++ and libdnnl-dev installed)', () => {
    if (!required && !built) return
    expect(built, 'native/onednn/build/pseudoscope-onednn.node (npm run build:onednn)').toBe(true)
  })
})

describe.skipIf(!built && !required)('convolutions on oneDNN match the definition and the stock cpu kernels', () => {
  beforeAll(async () => {
    const report = await selectBackend('wasm')
    expect(report.detail).toMatch(/convolutions on oneDNN \d+\.\d+\.\d+ \(native\)/)
    expect(report.onednn).toMatch(/^\d+\.\d+\.\d+$/)
  })

  for (const c of CASES) {
    it(`x ${c.x.join('x')} k${c.k} s${c.stride} pad ${JSON.stringify(c.pad)}`, async () => {
      const rng = new Rng(c.x.reduce((a, b) => a * 17 + b, c.k * 5 + c.stride))
      const xs = random(c.x, rng)
      const ws = random([c.k, c.k, c.x[3], c.outC], rng)
      const dyShape = tf.tidy(() => tf.conv2d(tf.zeros(c.x) as tf.Tensor4D, tf.zeros([c.k, c.k, c.x[3], c.outC]) as tf.Tensor4D, c.stride, c.pad).shape)
      const dys = random(dyShape, rng)
      await tf.setBackend('cpu')
      const cpuY = forward(c, xs, ws)
      const cpuGrads = grads(c, xs, ws, dys, dyShape)
      await tf.setBackend('wasm')
      const y = forward(c, xs, ws)
      const native = grads(c, xs, ws, dys, dyShape)
      expectClose(y, cpuY, 'forward')
      expectClose(native.dx, cpuGrads.dx, 'input gradient')
      expectClose(native.dw, naiveFilterGrad(c, xs, dys, dyShape), 'filter gradient')
    })
  }

  it('runs the kernels on oneDNN, not on the wasm paths it replaces', async () => {
    await tf.setBackend('wasm')
    // A WRN block's shape: the two routes differ in their last bits, so equal bits would mean
    // the same route ran twice.
    const c: Case = { x: [8, 16, 16, 32], k: 3, outC: 32, stride: 1, pad: 'same' }
    const rng = new Rng(5)
    const xs = random(c.x, rng)
    const ws = random([3, 3, 32, 32], rng)
    const dys = random([8, 16, 16, 32], rng)
    const native = grads(c, xs, ws, dys, [8, 16, 16, 32])
    onednnPaths.enabled = false
    const wasm = grads(c, xs, ws, dys, [8, 16, 16, 32])
    onednnPaths.enabled = true
    expectClose(native.dw, wasm.dw, 'filter gradient')
    expect(Buffer.from(native.dw.buffer).equals(Buffer.from(wasm.dw.buffer))).toBe(false)
  })

  it('leaves dilated forward convolutions to the stock kernel, with the cpu backend\'s values', async () => {
    const rng = new Rng(4)
    const xs = random([2, 9, 9, 4], rng)
    const ws = random([3, 3, 4, 6], rng)
    const dilated = () => tf.tidy(() => Float32Array.from(tf.conv2d(tf.tensor4d(xs, [2, 9, 9, 4]), tf.tensor4d(ws, [3, 3, 4, 6]), 1, 'same', 'NHWC', 2).dataSync()))
    await tf.setBackend('cpu')
    const expected = dilated()
    await tf.setBackend('wasm')
    expectClose(dilated(), expected, 'dilated forward')
  })

  it('gives the same bits on every run at a fixed thread count', async () => {
    await tf.setBackend('wasm')
    const c: Case = { x: [32, 16, 16, 32], k: 3, outC: 64, stride: 2, pad: [[0, 0], [1, 1], [1, 1], [0, 0]] }
    const rng = new Rng(9)
    const xs = random(c.x, rng)
    const ws = random([3, 3, 32, 64], rng)
    const dys = random([32, 8, 8, 64], rng)
    const first = grads(c, xs, ws, dys, [32, 8, 8, 64])
    for (let run = 0; run < 3; run++) {
      const again = grads(c, xs, ws, dys, [32, 8, 8, 64])
      expect(Buffer.from(again.dw.buffer).equals(Buffer.from(first.dw.buffer)), `filter gradient, run ${run}`).toBe(true)
      expect(Buffer.from(again.dx.buffer).equals(Buffer.from(first.dx.buffer)), `input gradient, run ${run}`).toBe(true)
    }
  })

  it('refuses calls whose arrays or geometry do not fit, with a clear error', () => {
    const addon = onednn()
    expect(addon).not.toBeNull()
    // 1 image 4x4x2, 3x3 filter to 3 channels, stride 1, pad 1: y is 1x4x4x3.
    const g = Int32Array.from([1, 4, 4, 2, 4, 4, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1])
    const x = new Float32Array(32)
    const w = new Float32Array(54)
    const y = new Float32Array(48)
    expect(() => addon!.conv(CONV_OP.forward, g, x, w, y)).not.toThrow()
    expect(() => addon!.conv(CONV_OP.forward, g, x, w, new Float32Array(47))).toThrow(/array lengths do not match the geometry/)
    expect(() => addon!.conv(CONV_OP.forward, g.subarray(0, 16), x, w, y)).toThrow(/Int32Array of 17 fields/)
    expect(() => addon!.conv(CONV_OP.forward, Int32Array.from(g, (v, i) => (i === 0 ? 0 : v)), x, w, y)).toThrow(/field 0 out of range/)
    expect(() => addon!.conv(3 as never, g, x, w, y)).toThrow(/op must be 0, 1 or 2/)
    expect(() => addon!.conv(CONV_OP.forward, g, x, new Float64Array(54) as never, y)).toThrow(/Float32Arrays/)
    // Geometry oneDNN itself rejects (the output size does not follow from the input).
    expect(() => addon!.conv(CONV_OP.forward, Int32Array.from(g, (v, i) => (i === 4 ? 9 : v)), x, w, new Float32Array(108))).toThrow(/oneDNN/)
    expect(() => addon!.setThreads(0)).toThrow(/thread count/)
  })

  it('is turned off by PSEUDOSCOPE_ONEDNN=off, and the report says so', () => {
    const code = "const { selectBackend } = await import('./src/engine/backend/select.ts'); console.log(JSON.stringify(await selectBackend('wasm')))"
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      // One thread: a threaded start cannot run from -e (its workers load the main script as CommonJS).
      env: { ...process.env, PSEUDOSCOPE_ONEDNN: 'off', PSEUDOSCOPE_WASM_THREADS: '1' },
      encoding: 'utf8'
    })
    expect(child.status, child.stderr).toBe(0)
    const report = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as { detail: string }
    expect(report.detail).toContain('convolutions on wasm (oneDNN: turned off by PSEUDOSCOPE_ONEDNN=off)')
  })
})

describe('findAddon', () => {
  it('finds nothing above a folder that has no build', () => {
    expect(findAddon('/proc/self')).toBeNull()
  })
})
