// The filter gradient on wasm. On oneDNN where its addon is loaded (conv2d-onednn.ts). Else,
// where the project's SIMD kernels run and the output channels come in eights, straight from
// x and dy by kernels.wat filterGrad (no im2col buffer), its output tiles split over the heap
// pool's threads. Otherwise dW = im2col(x)^T . dy as one
// XNNPACK matmul per chunk of images: the im2col buffer is written already transposed
// ([taps*Cin, rows]) so the matmul needs no transpose flag (the wasm BatchMatMul is about 10x
// slower with one). The matmul streams an im2col buffer far larger than the caches; the SIMD
// kernel keeps each tile of dW in registers over rows that stay in cache.
import type * as tf from '@tensorflow/tfjs'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'
import { CONV_OP } from '../onednn'
import { convOnednn } from './conv2d-onednn'
import { convGeometryArgs, filterGradGeometry } from './conv-geometry'
import { runHeapLoop } from './heap-pool'
import { simdKernelsFor } from './simd/simd-kernels'
import { allocate, copyRows, f32, floatOffset, heapMemory, imagesPerChunk, runWasmKernel, type TensorInfo } from './wasm-heap'
import type { ConvGeometry } from './conv-geometry'

/** Which path the kernel may take; tests turn the SIMD one off to check the other. */
export const filterGradPaths = { simd: true }

/** Bytes of x and dy per block of output rows that each tile streams: about half a core's L2. */
const BLOCK_BYTES = 192 * 1024

/** dW by the SIMD kernel, or null where it cannot run (no SIMD kernels, output channels not in eights). */
function filterGradSimd(backend: BackendWasm, x: TensorInfo, dy: TensorInfo, g: ConvGeometry, filterShape: number[]): TensorInfo | null {
  const memory = heapMemory(backend)
  if (!filterGradPaths.simd || g.outC % 8 !== 0 || memory === null || simdKernelsFor(memory) === null) return null
  const out = allocate(backend, filterShape)
  // Tiles of 4 input channels, then one tile per leftover channel; 8 output channels each.
  const tiles = g.fH * g.fW * ((g.inC >> 2) + (g.inC & 3)) * (g.outC >> 3)
  const bytesPerOutputRow = 4 * (g.outW * g.outC + g.strideH * g.inW * g.inC)
  const ohBlock = Math.max(1, Math.min(g.outH, Math.floor(BLOCK_BYTES / bytesPerOutputRow)))
  const floats = g.batch * (g.inH * g.inW * g.inC + g.outH * g.outW * g.outC)
  const byteOffset = (t: TensorInfo): number => backend.getMemoryOffset(t.dataId)
  runHeapLoop(backend, 'filterGrad', tiles, floats, [
    byteOffset(x), byteOffset(dy), byteOffset(out),
    g.batch, g.inH, g.inW, g.inC, g.outH, g.outW, g.outC,
    g.fW, g.strideH, g.strideW, 1, 1, g.padTop, g.padLeft, ohBlock
  ])
  return out
}

export function conv2dBackpropFilterWasm(args: {
  inputs: tf.NamedTensorInfoMap
  backend: BackendWasm
  attrs: tf.NamedAttrMap
}): TensorInfo {
  const { backend } = args
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo }
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs
  const g = filterGradGeometry(x, attrs, 'wasm')
  const direct = convOnednn(backend, CONV_OP.backwardWeights, g, x, dy) ?? filterGradSimd(backend, x, dy, g, attrs.filterShape)
  if (direct !== null) return direct
  const taps = g.fH * g.fW * g.inC
  const perImage = g.outH * g.outW
  const chunk = imagesPerChunk(g.batch, taps * perImage)
  const out = allocate(backend, attrs.filterShape)
  for (let n0 = 0; n0 < g.batch; n0 += chunk) {
    const nImages = Math.min(chunk, g.batch - n0)
    const rows = nImages * perImage
    const colsT = allocate(backend, [1, taps, rows])
    const dyChunk = nImages === g.batch ? null : copyRows(backend, dy, n0 * perImage, rows, g.outC)
    // The transposed im2col, its taps split over the heap pool's threads.
    runHeapLoop(backend, 'fill', g.fH * g.fW, taps * rows, [floatOffset(backend, x), floatOffset(backend, colsT), ...convGeometryArgs(g), n0, nImages])
    const b = dyChunk ?? { dataId: dy.dataId, shape: [rows, g.outC], dtype: 'float32' as const }
    const prod = runWasmKernel(
      backend,
      'BatchMatMul',
      { a: colsT, b: { ...b, shape: [1, rows, g.outC] } },
      { transposeA: false, transposeB: false }
    )
    const acc = f32(backend, out)
    const part = f32(backend, prod)
    if (n0 === 0) acc.set(part)
    else for (let i = 0; i < part.length; i++) acc[i] += part[i]
    backend.disposeData(prod.dataId)
    backend.disposeData(colsT.dataId)
    if (dyChunk !== null) backend.disposeData(dyChunk.dataId)
  }
  return out
}
