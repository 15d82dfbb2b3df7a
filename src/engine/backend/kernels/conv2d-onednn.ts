// Convolutions on oneDNN (backend/onednn.ts) for tensors on the wasm heap: the addon reads
// and writes Float32Array views of the heap in place, on its own OpenMP threads. Each kernel
// asks here first and runs its wasm path when this returns null.
import * as tf from '@tensorflow/tfjs'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'
import { CONV_OP, onednn, type ConvOp, type OnednnAddon } from '../onednn'
import { forwardGeometry, type ConvGeometry } from './conv-geometry'
import { allocate, heapBuffer, type TensorInfo } from './wasm-heap'

/** Whether the kernels may use oneDNN; tests turn it off to check the wasm paths. */
export const onednnPaths = { enabled: true }

/** The addon the kernels run on now, or null (not loaded, or turned off for a test). */
function activeAddon(): OnednnAddon | null {
  return onednnPaths.enabled ? onednn() : null
}

/** The addon's geometry: N, inH, inW, inC, outH, outW, outC, fH, fW, strides, dilations (1), pads. */
function geometryArray(g: ConvGeometry): Int32Array {
  return Int32Array.from([
    g.batch, g.inH, g.inW, g.inC, g.outH, g.outW, g.outC, g.fH, g.fW,
    g.strideH, g.strideW, 1, 1, g.padTop, g.padLeft, g.padBottom, g.padRight
  ])
}

/** Shapes of each op's inputs and output, as [a, b, out]. */
function opShapes(op: ConvOp, g: ConvGeometry): [number[], number[], number[]] {
  const x = [g.batch, g.inH, g.inW, g.inC]
  const y = [g.batch, g.outH, g.outW, g.outC]
  const w = [g.fH, g.fW, g.inC, g.outC]
  if (op === CONV_OP.forward) return [x, w, y]
  if (op === CONV_OP.backwardData) return [y, w, x]
  return [x, y, w]
}

/** One convolution op on oneDNN into a new heap tensor, or null where oneDNN is not used. */
export function convOnednn(backend: BackendWasm, op: ConvOp, g: ConvGeometry, a: TensorInfo, b: TensorInfo): TensorInfo | null {
  const addon = activeAddon()
  const shapes = opShapes(op, g)
  if (addon === null || shapes.some((s) => s.includes(0))) return null
  const out = allocate(backend, shapes[2])
  // Views taken after the allocation, which may have grown the heap.
  const buffer = heapBuffer(backend)
  const view = (t: TensorInfo, shape: number[]) => new Float32Array(buffer, backend.getMemoryOffset(t.dataId), tf.util.sizeFromShape(shape))
  addon.conv(op, geometryArray(g), view(a, shapes[0]), view(b, shapes[1]), view(out, shapes[2]))
  return out
}

type WasmKernelArgs = { inputs: tf.NamedTensorInfoMap; backend: BackendWasm; attrs: tf.NamedAttrMap }

/**
 * The forward Conv2D: oneDNN for NHWC without dilation, else `stock` (the backend's own
 * XNNPACK kernel, which this one replaces).
 */
export function conv2dWasm(stock: tf.KernelFunc): (args: WasmKernelArgs) => TensorInfo {
  return (args) => {
    const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo }
    const attrs = args.attrs as unknown as tf.Conv2DAttrs
    const dilations = typeof attrs.dilations === 'number' ? [attrs.dilations, attrs.dilations] : attrs.dilations ?? [1, 1]
    if (attrs.dataFormat !== 'NCHW' && dilations[0] === 1 && dilations[1] === 1 && activeAddon() !== null) {
      const y = convOnednn(args.backend, CONV_OP.forward, forwardGeometry(x, filter, attrs), x, filter)
      if (y !== null) return y
    }
    return stock(args as unknown as Parameters<tf.KernelFunc>[0]) as TensorInfo
  }
}
