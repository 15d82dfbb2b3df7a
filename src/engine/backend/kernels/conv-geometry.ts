// The conv2d shape facts the gradient kernels use, from tfjs's Conv2DInfo.
import * as tf from '@tensorflow/tfjs'

export interface ConvGeometry {
  batch: number
  inH: number
  inW: number
  inC: number
  outH: number
  outW: number
  outC: number
  fH: number
  fW: number
  strideH: number
  strideW: number
  padTop: number
  padLeft: number
  padBottom: number
  padRight: number
}

function convGeometry(info: tf.backend_util.Conv2DInfo): ConvGeometry {
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) {
    throw new Error('conv2d gradients support dilation 1 only')
  }
  return {
    batch: info.batchSize,
    inH: info.inHeight,
    inW: info.inWidth,
    inC: info.inChannels,
    outH: info.outHeight,
    outW: info.outWidth,
    outC: info.outChannels,
    fH: info.filterHeight,
    fW: info.filterWidth,
    strideH: info.strideHeight,
    strideW: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
    padBottom: info.padInfo.bottom,
    padRight: info.padInfo.right
  }
}

type Shape4D = [number, number, number, number]
type ConvAttrs = Pick<tf.Conv2DAttrs, 'strides' | 'pad' | 'dimRoundingMode'>

/** The geometry of an NHWC conv2d of an input shape with a filter shape, dilation 1. */
function nhwcGeometry(inputShape: number[], filterShape: number[], attrs: ConvAttrs): ConvGeometry {
  return convGeometry(
    tf.backend_util.computeConv2DInfo(inputShape as Shape4D, filterShape as Shape4D, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast')
  )
}

/** The geometry of a Conv2DBackpropFilter call (NHWC only), shared by its cpu and wasm kernels. */
export function filterGradGeometry(x: { shape: number[] }, attrs: tf.Conv2DBackpropFilterAttrs, backendName: string): ConvGeometry {
  if (attrs.dataFormat === 'NCHW') throw new Error(`Conv2DBackpropFilter (${backendName}): only NHWC is supported`)
  return nhwcGeometry(x.shape, attrs.filterShape, attrs)
}

/** The geometry of a Conv2DBackpropInput call (NHWC only). */
export function inputGradGeometry(filter: { shape: number[] }, attrs: tf.Conv2DBackpropInputAttrs, backendName: string): ConvGeometry {
  if (attrs.dataFormat === 'NCHW') throw new Error(`Conv2DBackpropInput (${backendName}): only NHWC is supported`)
  return nhwcGeometry(attrs.inputShape, filter.shape, attrs)
}

/** The geometry of a forward Conv2D call (NHWC, dilation 1: the caller checks both). */
export function forwardGeometry(x: { shape: number[] }, filter: { shape: number[] }, attrs: tf.Conv2DAttrs): ConvGeometry {
  return nhwcGeometry(x.shape, filter.shape, attrs)
}

/** The geometry as the heap loops read it (heap-loops.ts): inH, inW, inC, outH, outW, fH, fW, strideH, strideW, padTop, padLeft. */
export function convGeometryArgs(g: ConvGeometry): number[] {
  return [g.inH, g.inW, g.inC, g.outH, g.outW, g.fH, g.fW, g.strideH, g.strideW, g.padTop, g.padLeft]
}
