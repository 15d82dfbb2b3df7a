// dx for a conv2d. On oneDNN where its addon is loaded (conv2d-onednn.ts). Else, stride 1: a
// forward XNNPACK convolution of dy with the flipped, channel-swapped filter (no big
// intermediate). Otherwise, where the project's SIMD kernels run and the input channels come
// in eights, straight from dy by kernels.wat inputGrad (its input rows split over the heap
// pool's threads); else col2im(dy . W^T): one XNNPACK matmul
// per chunk of images into an im2col-shaped buffer, then a scatter-add into dx (split by
// image). The SIMD kernel adds the same numbers in the same order as col2im, without the
// buffer (taps times larger than dx).
// Replaces the stock wasm kernel, a naive loop 5-10x slower than the forward convolution.
import type * as tf from '@tensorflow/tfjs'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'
import { CONV_OP } from '../onednn'
import { convOnednn } from './conv2d-onednn'
import { convGeometryArgs, inputGradGeometry, type ConvGeometry } from './conv-geometry'
import { runHeapLoop } from './heap-pool'
import { simdKernelsFor } from './simd/simd-kernels'
import { allocate, copyRows, f32, floatOffset, heapMemory, imagesPerChunk, runWasmKernel, type TensorInfo } from './wasm-heap'

/** Which path a strided input gradient may take; tests turn the SIMD one off to check the other. */
export const inputGradPaths = { simd: true }

/** The strided input gradient by the SIMD kernel, or null where it cannot run. */
function viaSimd(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, g: ConvGeometry, inputShape: number[]): TensorInfo | null {
  const memory = heapMemory(backend)
  if (!inputGradPaths.simd || g.inC % 8 !== 0 || memory === null || simdKernelsFor(memory) === null) return null
  const wt = transposedFilter(backend, filter, g.fH * g.fW * g.inC, g.outC)
  const zeros = allocate(backend, [g.outC])
  f32(backend, zeros).fill(0)
  const dx = allocate(backend, inputShape)
  const at = (t: TensorInfo) => backend.getMemoryOffset(t.dataId)
  const floats = g.batch * (g.inH * g.inW * g.inC + g.outH * g.outW * g.outC)
  runHeapLoop(backend, 'inputGrad', g.batch * g.inH, floats, [
    at(dy), at(wt), at(dx), at(zeros),
    g.inH, g.inW, g.inC, g.outH, g.outW, g.outC, g.fH, g.fW, g.strideH, g.strideW, g.padTop, g.padLeft
  ])
  backend.disposeData(wt.dataId)
  backend.disposeData(zeros.dataId)
  return dx
}

/** W [fH, fW, inC, outC] as [outC, fH * fW * inC]. */
function transposedFilter(backend: BackendWasm, filter: TensorInfo, taps: number, outC: number): TensorInfo {
  const out = allocate(backend, [outC, taps])
  const w = f32(backend, filter)
  const wt = f32(backend, out)
  for (let t = 0; t < taps; t++) for (let o = 0; o < outC; o++) wt[o * taps + t] = w[t * outC + o]
  return out
}

/** W [fH, fW, inC, outC] flipped in space with channels swapped: [fH, fW, outC, inC]. */
function flippedFilter(backend: BackendWasm, filter: TensorInfo, g: ConvGeometry): TensorInfo {
  const { fH, fW, inC, outC } = g
  const out = allocate(backend, [fH, fW, outC, inC])
  const w = f32(backend, filter)
  const r = f32(backend, out)
  for (let kh = 0; kh < fH; kh++) {
    for (let kw = 0; kw < fW; kw++) {
      const src = ((fH - 1 - kh) * fW + (fW - 1 - kw)) * inC * outC
      const dst = (kh * fW + kw) * outC * inC
      for (let i = 0; i < inC; i++) for (let o = 0; o < outC; o++) r[dst + o * inC + i] = w[src + i * outC + o]
    }
  }
  return out
}

/** Stride-1 input gradient as one convolution, or null when the padding does not allow it. */
function viaConvolution(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, g: ConvGeometry): TensorInfo | null {
  if (g.strideH !== 1 || g.strideW !== 1) return null
  const pads = [g.fH - 1 - g.padTop, g.fH - 1 - g.padBottom, g.fW - 1 - g.padLeft, g.fW - 1 - g.padRight]
  if (pads.some((p) => p < 0)) return null
  const flipped = flippedFilter(backend, filter, g)
  const dx = runWasmKernel(
    backend,
    'Conv2D',
    { x: dy, filter: flipped },
    {
      strides: [1, 1],
      pad: [[0, 0], [pads[0], pads[1]], [pads[2], pads[3]], [0, 0]],
      dataFormat: 'NHWC',
      dilations: [1, 1],
      dimRoundingMode: undefined as unknown as string
    } as unknown as tf.NamedAttrMap
  )
  backend.disposeData(flipped.dataId)
  return dx
}

export function conv2dBackpropInputWasm(args: {
  inputs: tf.NamedTensorInfoMap
  backend: BackendWasm
  attrs: tf.NamedAttrMap
}): TensorInfo {
  const { backend } = args
  const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo }
  const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs
  const g = inputGradGeometry(filter, attrs, 'wasm')
  const direct =
    convOnednn(backend, CONV_OP.backwardData, g, dy, filter) ?? viaConvolution(backend, dy, filter, g) ?? viaSimd(backend, dy, filter, g, attrs.inputShape)
  if (direct !== null) return direct
  const taps = g.fH * g.fW * g.inC
  const perImage = g.outH * g.outW
  const chunk = imagesPerChunk(g.batch, taps * perImage)
  const wt = transposedFilter(backend, filter, taps, g.outC)
  const dx = allocate(backend, attrs.inputShape)
  f32(backend, dx).fill(0)
  for (let n0 = 0; n0 < g.batch; n0 += chunk) {
    const nImages = Math.min(chunk, g.batch - n0)
    const rows = nImages * perImage
    const dyChunk = nImages === g.batch ? null : copyRows(backend, dy, n0 * perImage, rows, g.outC)
    const a = dyChunk ?? dy
    const cols = runWasmKernel(
      backend,
      'BatchMatMul',
      { a: { ...a, shape: [1, rows, g.outC] }, b: { ...wt, shape: [1, g.outC, taps] } },
      { transposeA: false, transposeB: false }
    )
    // dx += col2im(cols), the images split over the heap pool's threads.
    runHeapLoop(backend, 'scatter', nImages, rows * taps, [floatOffset(backend, cols), floatOffset(backend, dx), ...convGeometryArgs(g), n0])
    backend.disposeData(cols.dataId)
    if (dyChunk !== null) backend.disposeData(dyChunk.dataId)
  }
  backend.disposeData(wt.dataId)
  return dx
}
