// Gradient checkpointing of one model segment (a residual block): the forward pass keeps only
// the segment's input, and the backward pass runs the segment again under its own tape to get
// the gradients. Same ops on the same values, so the same numbers as the plain tape, with one
// block's activations alive at a time instead of the whole network's.
import * as tf from '@tensorflow/tfjs'

/**
 * A segment computes the same values whatever `recompute` says; with recompute it must skip
 * its side effects (BatchNorm moving statistics), so they happen once per step.
 */
export type Segment = (x: tf.Tensor4D, recompute: boolean) => tf.Tensor4D

/**
 * The gradients of segment(x) . dy with respect to x and params, from a fresh tape. Called
 * inside the outer backward pass: tfjs keeps one active tape, which a nested gradient
 * computation replaces and then clears, so the outer one is put back afterwards.
 */
function recomputeGradients(segment: Segment, x: tf.Tensor4D, params: readonly tf.Variable[], dy: tf.Tensor4D): tf.Tensor[] {
  const state = tf.engine().state
  const outerTape = state.activeTape
  try {
    // tidy: tf.grads drops the recomputed output without freeing it.
    return tf.tidy(() => tf.grads((input: tf.Tensor) => segment(input as tf.Tensor4D, true))([x, ...params], dy))
  } finally {
    state.activeTape = outerTape
  }
}

/** segment(x), checkpointed; params are every variable the segment reads (their gradients). */
export function checkpointed(segment: Segment, x: tf.Tensor4D, params: readonly tf.Variable[]): tf.Tensor4D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor4D
    const save = args[args.length - 1] as tf.GradSaveFunc
    save([input])
    // A custom op's forward runs off the tape, so the segment's intermediates are freed here.
    const value = segment(input, false)
    const gradFunc = (dy: tf.Tensor4D, saved: tf.Tensor[]): tf.Tensor[] => {
      const grads = recomputeGradients(segment, saved[0] as tf.Tensor4D, params, dy)
      // tfjs keeps every gradient of a backward pass until it ends: one activation-sized
      // tensor per block, the size of all the kept inputs again. dy (this block's output
      // gradient) is read by nothing after this op, so free it now.
      dy.dispose()
      return grads
    }
    return { value, gradFunc }
  })
  return op(x, ...params)
}
