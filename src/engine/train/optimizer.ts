// SGD with momentum and Nesterov exactly as torch.optim.SGD (dampening 0): weight decay
// is L2 added to the gradient, only for parameters flagged decay (not biases, not BN).
import * as tf from '@tensorflow/tfjs'
import type { ModelParam } from '../models/types'

export interface SgdOptions {
  momentum: number
  nesterov: boolean
  weightDecay: number
}

/** One momentum buffer per parameter, by parameter name (what a checkpoint stores). */
export interface NamedTensor {
  name: string
  tensor: tf.Tensor
}

export class SgdOptimizer {
  private readonly slots: Map<string, tf.Variable>

  constructor(
    private readonly params: readonly ModelParam[],
    readonly options: SgdOptions
  ) {
    // A zero buffer gives PyTorch's first step (buf = g) exactly: m * 0 + g.
    // Unnamed variables: names must be unique per engine, and several optimizers may coexist.
    this.slots = new Map(params.map((p) => [p.name, tf.tidy(() => tf.variable(tf.zerosLike(p.variable), false))]))
  }

  /** w -= lr * d, with g' = g + wd * w (decay params), buf = m * buf + g', d = g' + m * buf (Nesterov) or buf. */
  step(grads: tf.NamedTensorMap, lr: number): void {
    const { momentum, nesterov, weightDecay } = this.options
    tf.tidy(() => {
      for (const param of this.params) {
        const grad = grads[param.variable.name]
        if (!grad) throw new Error(`no gradient for parameter ${param.name}`)
        const w = param.variable
        let g: tf.Tensor = grad
        if (param.decay && weightDecay !== 0) g = tf.add(g, tf.mul(w, weightDecay))
        let d = g
        if (momentum !== 0) {
          const slot = this.slots.get(param.name) as tf.Variable
          const buf = tf.add(tf.mul(slot, momentum), g)
          slot.assign(buf)
          d = nesterov ? tf.add(g, tf.mul(buf, momentum)) : buf
        }
        w.assign(tf.sub(w, tf.mul(d, lr)))
      }
    })
  }

  /** The momentum buffers (views of live variables; do not dispose). */
  getSlots(): NamedTensor[] {
    return this.params.map((p) => ({ name: p.name, tensor: this.slots.get(p.name) as tf.Variable }))
  }

  setSlots(slots: readonly NamedTensor[]): void {
    const byName = new Map(slots.map((s) => [s.name, s.tensor]))
    for (const param of this.params) {
      const value = byName.get(param.name)
      if (!value) throw new Error(`checkpoint lacks the momentum buffer of ${param.name}`)
      const slot = this.slots.get(param.name) as tf.Variable
      if (!tf.util.arraysEqual(slot.shape, value.shape)) {
        throw new Error(`momentum buffer ${param.name} has shape [${value.shape}], expected [${slot.shape}]`)
      }
      slot.assign(value)
    }
  }

  dispose(): void {
    for (const slot of this.slots.values()) slot.dispose()
    this.slots.clear()
  }
}
