// The loops of the project's kernels, over ranges of the wasm heap. Each takes the heap as
// floats and as float64s and one vector of numbers (offsets in floats, float64 data in
// float64 indices), whose last two are the range [from, to) of the loop's own unit. Each uses
// nothing from outside its body: the heap pool's worker threads run the same functions from
// their source text (heap-pool.ts), so one loop serves the calling thread and the helpers.
// A loop may call the project's wasm SIMD kernels (simd/kernels.wat), which every thread
// instantiates on the same heap; simd is null where they could not be made.
import type { SimdKernels } from './simd/simd-kernels'

type HeapLoop = (heap: Float32Array, heap64: Float64Array, args: ArrayLike<number>, simd: SimdKernels | null) => void

/** Rows per block of a column sum: every block is summed alone, so the result does not depend on the threads. */
export const SUM_BLOCK_ROWS = 512

/**
 * [aOff, bOff, rows, cols, blockRows, partials, b0, b1]: float64 sums of the columns of each
 * block of blockRows rows of a [rows, cols] matrix (times b elementwise when bOff >= 0), for
 * blocks [b0, b1), into heap64[partials + block * cols + c].
 */
function sumColumnBlocks(heap: Float32Array, heap64: Float64Array, args: ArrayLike<number>, simd: SimdKernels | null): void {
  const [aOff, bOff, rows, cols, blockRows, partials, b0, b1] = Array.from(args)
  // The SIMD kernel adds the same float64s in the same order (kernels.wat columnSums).
  if (simd !== null) return simd.columnSums(aOff * 4, Math.max(bOff, 0) * 4, bOff < 0 ? 0 : 1, rows, cols, blockRows, partials * 8, b0, b1)
  for (let block = b0; block < b1; block++) {
    const r0 = block * blockRows
    const r1 = Math.min(rows, r0 + blockRows)
    const p = partials + block * cols
    // Four columns at a time in locals, rows in order: each column's sum is the same
    // sequence of float64 additions as one accumulator per column would make.
    let c = 0
    for (; c + 4 <= cols; c += 4) {
      let s0 = 0
      let s1 = 0
      let s2 = 0
      let s3 = 0
      for (let r = r0, i = r0 * cols + c; r < r1; r++, i += cols) {
        if (bOff < 0) {
          s0 += heap[aOff + i]
          s1 += heap[aOff + i + 1]
          s2 += heap[aOff + i + 2]
          s3 += heap[aOff + i + 3]
        } else {
          s0 += heap[aOff + i] * heap[bOff + i]
          s1 += heap[aOff + i + 1] * heap[bOff + i + 1]
          s2 += heap[aOff + i + 2] * heap[bOff + i + 2]
          s3 += heap[aOff + i + 3] * heap[bOff + i + 3]
        }
      }
      heap64[p + c] = s0
      heap64[p + c + 1] = s1
      heap64[p + c + 2] = s2
      heap64[p + c + 3] = s3
    }
    for (; c < cols; c++) {
      let sum = 0
      for (let r = r0, i = r0 * cols + c; r < r1; r++, i += cols) sum += bOff < 0 ? heap[aOff + i] : heap[aOff + i] * heap[bOff + i]
      heap64[p + c] = sum
    }
  }
}

/** [xOff, outOff, slope, i0, i1]: out[i] = x[i] * (x[i] > 0 ? 1 : slope), slope in float64 as the cpu backend multiplies. */
function leakyReluRange(heap: Float32Array, _heap64: Float64Array, args: ArrayLike<number>, simd: SimdKernels | null): void {
  const [xOff, outOff, slope, i0, i1] = Array.from(args)
  // The same bits, four at a time (kernels.wat leakyRelu).
  if (simd !== null) return simd.leakyRelu(xOff * 4, xOff * 4, outOff * 4, slope, i0, i1)
  // A lookup, not a branch: the sign of x is a coin flip, and the mispredictions cost more
  // than the loop's loads (2.2x faster measured on 7.8M floats).
  const factor = new Float64Array([slope, 1])
  for (let i = i0; i < i1; i++) {
    const v = heap[xOff + i]
    heap[outOff + i] = v * factor[((v > 0) as unknown as number) | 0]
  }
}

/** [dyOff, xOff, outOff, slope, i0, i1]: out[i] = dy[i] * (x[i] > 0 ? 1 : slope). */
function leakyReluGradRange(heap: Float32Array, _heap64: Float64Array, args: ArrayLike<number>, simd: SimdKernels | null): void {
  const [dyOff, xOff, outOff, slope, i0, i1] = Array.from(args)
  if (simd !== null) return simd.leakyRelu(xOff * 4, dyOff * 4, outOff * 4, slope, i0, i1)
  // A lookup, not a branch (see leakyReluRange).
  const factor = new Float64Array([slope, 1])
  for (let i = i0; i < i1; i++) heap[outOff + i] = heap[dyOff + i] * factor[((heap[xOff + i] > 0) as unknown as number) | 0]
}

/**
 * [xOff, colsOff, ...geometry, n0, nImages, t0, t1] (geometry: convGeometryArgs): the
 * transposed im2col of a filter gradient for the taps [t0, t1) (tap = kh * fW + kw),
 * colsT[(tap * inC + c) * rows + m] over the output positions m of images [n0, n0 + nImages).
 * Loops run per output line and channel so reads stay inside one input line (in L1) and
 * writes are contiguous runs: about 10x faster than scattering one position at a time.
 */
function fillColumnsTransposed(heap: Float32Array, _heap64: Float64Array, args: ArrayLike<number>): void {
  const [xOff, colsOff, inH, inW, inC, outH, outW, , fW, strideH, strideW, padTop, padLeft, n0, nImages, t0, t1] = Array.from(args)
  const rows = nImages * outH * outW
  const step = strideW * inC
  for (let tap = t0; tap < t1; tap++) {
    const kh = Math.floor(tap / fW)
    const kw = tap - kh * fW
    const rowBase = colsOff + tap * inC * rows
    // Output columns whose input column iw = ow * strideW - padLeft + kw lies inside the image.
    const owLo = Math.min(outW, Math.max(0, Math.ceil((padLeft - kw) / strideW)))
    const owHi = Math.max(owLo, Math.min(outW, Math.floor((inW - 1 + padLeft - kw) / strideW) + 1))
    let m = 0
    for (let n = n0; n < n0 + nImages; n++) {
      for (let oh = 0; oh < outH; oh++, m += outW) {
        const ih = oh * strideH - padTop + kh
        const inside = ih >= 0 && ih < inH
        const lineStart = xOff + ((n * inH + ih) * inW + owLo * strideW - padLeft + kw) * inC
        for (let c = 0; c < inC; c++) {
          const dst = rowBase + c * rows + m
          // Plain loops: typed-array fill() costs more than it saves on rows this short.
          if (!inside) {
            for (let ow = 0; ow < outW; ow++) heap[dst + ow] = 0
            continue
          }
          for (let ow = 0; ow < owLo; ow++) heap[dst + ow] = 0
          let src = lineStart + c
          for (let ow = owLo; ow < owHi; ow++, src += step) heap[dst + ow] = heap[src]
          for (let ow = owHi; ow < outW; ow++) heap[dst + ow] = 0
        }
      }
    }
  }
}

/**
 * [colsOff, dxOff, ...geometry, n0, i0, i1] (geometry: convGeometryArgs): the col2im of an
 * input gradient for images [n0 + i0, n0 + i1) of the chunk that starts at image n0,
 * dx[n, ih, iw, c] += cols[m, tap * inC + c]. Images write disjoint parts of dx, each in one order.
 */
function scatterColumns(heap: Float32Array, _heap64: Float64Array, args: ArrayLike<number>): void {
  const [colsOff, dxOff, inH, inW, inC, outH, outW, fH, fW, strideH, strideW, padTop, padLeft, n0, i0, i1] = Array.from(args)
  const taps = fH * fW * inC
  let m = i0 * outH * outW
  for (let n = n0 + i0; n < n0 + i1; n++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++, m++) {
        const rowBase = colsOff + m * taps
        for (let kh = 0; kh < fH; kh++) {
          const ih = oh * strideH - padTop + kh
          if (ih < 0 || ih >= inH) continue
          for (let kw = 0; kw < fW; kw++) {
            const iw = ow * strideW - padLeft + kw
            if (iw < 0 || iw >= inW) continue
            const dst = dxOff + ((n * inH + ih) * inW + iw) * inC
            const src = rowBase + (kh * fW + kw) * inC
            for (let c = 0; c < inC; c++) heap[dst + c] += heap[src + c]
          }
        }
      }
    }
  }
}

/**
 * [xOff, outOff, cols, params, r0, r1]: inference BatchNorm for rows [r0, r1) of a [rows, cols]
 * matrix as the cpu backend computes it, offset + (x - mean) * scale / sqrt(variance + epsilon)
 * in float64, rounded once. heap64 from params holds the means, scales, offsets and square
 * roots, cols of each.
 */
function batchNormInference(heap: Float32Array, heap64: Float64Array, args: ArrayLike<number>, simd: SimdKernels | null): void {
  const [xOff, outOff, cols, params, r0, r1] = Array.from(args)
  // The same float64 operations in the same order, four columns a step (kernels.wat).
  if (simd !== null) return simd.batchNormInference(xOff * 4, outOff * 4, cols, params * 8, r0, r1)
  for (let r = r0, i = r0 * cols; r < r1; r++) {
    for (let c = 0, p = params; c < cols; c++, i++, p++) {
      heap[outOff + i] = heap64[p + 2 * cols] + ((heap[xOff + i] - heap64[p]) * heap64[p + cols]) / heap64[p + 3 * cols]
    }
  }
}

/**
 * [xByte, dyByte, dwByte, N, H, W, Cin, OH, OW, Cout, fW, sH, sW, dH, dW, pT, pL, ohBlock, t0, t1]:
 * the filter gradient's output tiles [t0, t1) by the SIMD kernel (kernels.wat filterGrad).
 */
function filterGradTiles(_heap: Float32Array, _heap64: Float64Array, args: ArrayLike<number>, simd: SimdKernels | null): void {
  if (simd === null) throw new Error('the wasm SIMD kernels are not available on this thread')
  simd.filterGrad(...Array.from(args))
}

/**
 * [xOff, subOff, mulOff, addOff, outOff, cols, r0, r1]: out = (x - sub[c]) * mul[c] + add[c]
 * over rows [r0, r1) of [rows, cols], each operation rounded to float32 (kernels.wat channelAffine).
 */
function channelAffineRows(heap: Float32Array, _heap64: Float64Array, args: ArrayLike<number>, simd: SimdKernels | null): void {
  const [xOff, subOff, mulOff, addOff, outOff, cols, r0, r1] = Array.from(args)
  if (simd !== null) return simd.channelAffine(xOff * 4, subOff * 4, mulOff * 4, addOff * 4, outOff * 4, cols, r0, r1)
  const f = Math.fround
  for (let r = r0, i = r0 * cols; r < r1; r++) {
    for (let c = 0; c < cols; c++, i++) heap[outOff + i] = f(f(f(heap[xOff + i] - heap[subOff + c]) * heap[mulOff + c]) + heap[addOff + c])
  }
}

/**
 * [dyOff, xhOff, meanDyOff, meanDyXhOff, scaleOff, outOff, cols, r0, r1]: BatchNorm's input
 * gradient ((dy - meanDy[c]) - xh * meanDyXh[c]) * scale[c], rounded as the elementwise ops
 * round (kernels.wat batchNormDx).
 */
function batchNormDxRows(heap: Float32Array, _heap64: Float64Array, args: ArrayLike<number>, simd: SimdKernels | null): void {
  const [dyOff, xhOff, meanDyOff, meanDyXhOff, scaleOff, outOff, cols, r0, r1] = Array.from(args)
  if (simd !== null) return simd.batchNormDx(dyOff * 4, xhOff * 4, meanDyOff * 4, meanDyXhOff * 4, scaleOff * 4, outOff * 4, cols, r0, r1)
  const f = Math.fround
  for (let r = r0, i = r0 * cols; r < r1; r++) {
    for (let c = 0; c < cols; c++, i++) {
      const centered = f(f(heap[dyOff + i] - heap[meanDyOff + c]) - f(heap[xhOff + i] * heap[meanDyXhOff + c]))
      heap[outOff + i] = f(centered * heap[scaleOff + c])
    }
  }
}

/**
 * [dyByte, wtByte, dxByte, zerosByte, H, W, Cin, OH, OW, Cout, FH, FW, sH, sW, pT, pL, row0, row1]:
 * a strided convolution's input gradient for input rows [row0, row1) by the SIMD kernel
 * (kernels.wat inputGrad).
 */
function inputGradRows(_heap: Float32Array, _heap64: Float64Array, args: ArrayLike<number>, simd: SimdKernels | null): void {
  if (simd === null) throw new Error('the wasm SIMD kernels are not available on this thread')
  simd.inputGrad(...Array.from(args))
}

/** Every loop by task name, with the count of numbers it takes (its range included). */
export const HEAP_LOOPS = {
  sum: { loop: sumColumnBlocks, arity: 8 },
  leaky: { loop: leakyReluRange, arity: 5 },
  leakyGrad: { loop: leakyReluGradRange, arity: 6 },
  fill: { loop: fillColumnsTransposed, arity: 17 },
  scatter: { loop: scatterColumns, arity: 16 },
  batchNorm: { loop: batchNormInference, arity: 6 },
  filterGrad: { loop: filterGradTiles, arity: 20 },
  affine: { loop: channelAffineRows, arity: 8 },
  bnDx: { loop: batchNormDxRows, arity: 9 },
  inputGrad: { loop: inputGradRows, arity: 18 }
} satisfies Record<string, { loop: HeapLoop; arity: number }>

export type HeapTask = keyof typeof HEAP_LOOPS
