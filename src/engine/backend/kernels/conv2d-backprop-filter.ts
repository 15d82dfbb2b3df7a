// dW = im2col(x)^T . dy as one XNNPACK matmul per chunk of images: the im2col buffer is
// written already transposed ([taps*Cin, rows]) so the matmul needs no transpose flag
// (the wasm BatchMatMul is about 10x slower with one).
import type * as tf from '@tensorflow/tfjs'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'
import { convGeometryArgs, filterGradGeometry } from './conv-geometry'
import { runHeapLoop } from './heap-pool'
import { allocate, copyRows, f32, floatOffset, imagesPerChunk, runWasmKernel, type TensorInfo } from './wasm-heap'

export function conv2dBackpropFilterWasm(args: {
  inputs: tf.NamedTensorInfoMap
  backend: BackendWasm
  attrs: tf.NamedAttrMap
}): TensorInfo {
  const { backend } = args
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo }
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs
  const g = filterGradGeometry(x, attrs, 'wasm')
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
