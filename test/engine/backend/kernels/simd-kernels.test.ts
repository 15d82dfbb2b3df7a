import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { GENERATED_PATH, generatedSource } from '../../../../scripts/simd-kernels-assemble'
import { HEAP_LOOPS } from '../../../../src/engine/backend/kernels/heap-loops'
import { simdKernelModule, simdKernelsUnavailable } from '../../../../src/engine/backend/kernels/simd/simd-kernels'
import { Rng } from '../../../../src/shared/rng'
import { scratchHeap } from './scratch-heap'

describe('the project wasm SIMD kernels', () => {
  it('are committed exactly as kernels.wat assembles (run `npm run build:simd` after editing it)', async () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(await generatedSource())
  })

  it('compile on this engine, for a shared heap and a private one', () => {
    expect(simdKernelModule(true)).not.toBeNull()
    expect(simdKernelModule(false)).not.toBeNull()
    expect(simdKernelsUnavailable()).toBeNull()
  })

  for (const withProduct of [false, true]) {
    it(`sum columns${withProduct ? ' of a product' : ''} to the bits of the scalar float64 loop (groups of 8 and a tail)`, () => {
      const { simd, heap, heap64 } = scratchHeap(64)
      const [rows, cols, blockRows] = [1100, 21, 512]
      const blocks = Math.ceil(rows / blockRows)
      const rng = new Rng(3)
      // a at float 16, b after it, then two sets of float64 partials (aligned to 8 bytes).
      const aOff = 16
      const bOff = aOff + rows * cols
      for (let i = 0; i < 2 * rows * cols; i++) heap[aOff + i] = rng.normal() * 10 ** rng.int(-3, 4)
      const partialsJs = Math.ceil((bOff + rows * cols) / 2) + 2
      const partialsSimd = partialsJs + blocks * cols
      const args = (partials: number) => [aOff, withProduct ? bOff : -1, rows, cols, blockRows, partials, 0, blocks]
      HEAP_LOOPS.sum.loop(heap, heap64, args(partialsJs), null)
      HEAP_LOOPS.sum.loop(heap, heap64, args(partialsSimd), simd)
      const js = heap64.slice(partialsJs, partialsJs + blocks * cols)
      expect(js.some((v) => v !== 0)).toBe(true)
      expect(heap64.slice(partialsSimd, partialsSimd + blocks * cols)).toEqual(js)
    })
  }

  it('apply LeakyReLU and its gradient to the bits of the scalar loops, signed zeros, NaN and the range ends included', () => {
    const { simd, heap, heap64, bits: bitsOf } = scratchHeap(4)
    const rng = new Rng(9)
    const n = 1003
    const [xOff, dyOff, jsOff, simdOff] = [0, 2000, 4000, 6000]
    const special = [0, -0, NaN, Infinity, -Infinity, 1e-40, -1e-40, 3.4e38, -3.4e38]
    for (let i = 0; i < n; i++) {
      heap[xOff + i] = i < special.length ? special[i] : rng.normal()
      heap[dyOff + i] = rng.normal() * 10 ** rng.int(-30, 30)
    }
    const slope = 0.1
    const [i0, i1] = [1, n - 2]
    const bits = (off: number) => bitsOf(off, n)
    HEAP_LOOPS.leaky.loop(heap, heap64, [xOff, jsOff, slope, i0, i1], null)
    HEAP_LOOPS.leaky.loop(heap, heap64, [xOff, simdOff, slope, i0, i1], simd)
    expect(bits(simdOff)).toEqual(bits(jsOff))
    expect(heap[simdOff + 1]).toBe(-0)
    heap.fill(7, jsOff, jsOff + n)
    heap.fill(7, simdOff, simdOff + n)
    HEAP_LOOPS.leakyGrad.loop(heap, heap64, [dyOff, xOff, jsOff, slope, i0, i1], null)
    HEAP_LOOPS.leakyGrad.loop(heap, heap64, [dyOff, xOff, simdOff, slope, i0, i1], simd)
    expect(bits(simdOff)).toEqual(bits(jsOff))
    // Outside the range nothing is written.
    expect([heap[simdOff], heap[simdOff + n - 2]]).toEqual([7, 7])
  })

  it('apply inference BatchNorm to the bits of the scalar float64 loop (groups of 4 and a tail)', () => {
    const { simd, heap, heap64, bits: bitsOf } = scratchHeap(4)
    const rng = new Rng(13)
    const [rows, cols] = [37, 11]
    const [xOff, jsOff, simdOff, params] = [0, 1000, 2000, 1600]
    for (let i = 0; i < rows * cols; i++) heap[xOff + i] = rng.normal() * 3
    for (let c = 0; c < cols; c++) {
      heap64[params + c] = rng.normal()
      heap64[params + cols + c] = rng.normal() * 2
      heap64[params + 2 * cols + c] = rng.normal()
      heap64[params + 3 * cols + c] = Math.sqrt(rng.uniform(0, 1) + 1e-3)
    }
    HEAP_LOOPS.batchNorm.loop(heap, heap64, [xOff, jsOff, cols, params, 2, rows], null)
    HEAP_LOOPS.batchNorm.loop(heap, heap64, [xOff, simdOff, cols, params, 2, rows], simd)
    expect(bitsOf(simdOff, rows * cols)).toEqual(bitsOf(jsOff, rows * cols))
    expect(heap.subarray(jsOff + 2 * cols, jsOff + 3 * cols).some((v) => v !== 0)).toBe(true)
  })
})
