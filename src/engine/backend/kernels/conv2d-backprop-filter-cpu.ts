// Conv2DBackpropFilter for the pure-JS cpu backend. The stock kernel reads every element
// through TensorBuffer.get and took 33 s for one WRN-28-2 step on 3 images of 8x8; these
// plain typed-array loops (contiguous over output channels) take milliseconds.
import type * as tf from '@tensorflow/tfjs'
import { filterGradGeometry } from './conv-geometry'
import type { TensorInfo } from './wasm-heap'

interface CpuBackendLike {
  data: { get(dataId: tf.DataId): { values: tf.backend_util.BackendValues } }
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): TensorInfo
}

export function conv2dBackpropFilterCpu(args: { inputs: tf.NamedTensorInfoMap; backend: CpuBackendLike; attrs: tf.NamedAttrMap }): TensorInfo {
  const { backend } = args
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo }
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs
  const { batch, inH, inW, inC, outH, outW, outC, fH, fW, strideH, strideW, padTop, padLeft } = filterGradGeometry(x, attrs, 'cpu')
  const xv = backend.data.get(x.dataId).values as Float32Array
  const dyv = backend.data.get(dy.dataId).values as Float32Array
  const dw = new Float64Array(fH * fW * inC * outC)
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        const dyRow = ((n * outH + oh) * outW + ow) * outC
        for (let kh = 0; kh < fH; kh++) {
          const ih = oh * strideH - padTop + kh
          if (ih < 0 || ih >= inH) continue
          for (let kw = 0; kw < fW; kw++) {
            const iw = ow * strideW - padLeft + kw
            if (iw < 0 || iw >= inW) continue
            const xRow = ((n * inH + ih) * inW + iw) * inC
            const dwTap = (kh * fW + kw) * inC * outC
            for (let c = 0; c < inC; c++) {
              const v = xv[xRow + c]
              if (v === 0) continue
              const dwRow = dwTap + c * outC
              for (let o = 0; o < outC; o++) dw[dwRow + o] += v * dyv[dyRow + o]
            }
          }
        }
      }
    }
  }
  return backend.makeTensorInfo(attrs.filterShape, 'float32', Float32Array.from(dw))
}
