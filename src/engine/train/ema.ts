// EMA of the trainable parameters (K models/ema.py). BatchNorm buffers are not averaged:
// the EMA model uses the live model's moving statistics, which is what copying them verbatim
// after every step amounts to. Evaluation swaps the shadow weights in and back.
import * as tf from '@tensorflow/tfjs'
import type { ModelParam } from '../models/types'
import type { NamedTensor } from './optimizer'

export class ParamEma {
  private readonly shadow: Map<string, tf.Variable>

  constructor(
    private readonly params: readonly ModelParam[],
    readonly decay: number
  ) {
    // Starts as a copy of the initial model (K: deepcopy).
    this.shadow = new Map(params.map((p) => [p.name, tf.tidy(() => tf.variable(p.variable.clone(), false))]))
  }

  /** ema = decay * ema + (1 - decay) * theta, after every optimizer step. */
  update(): void {
    const d = this.decay
    tf.tidy(() => {
      for (const p of this.params) {
        const s = this.shadow.get(p.name) as tf.Variable
        s.assign(tf.add(tf.mul(s, d), tf.mul(p.variable, 1 - d)))
      }
    })
  }

  /** Runs fn with the EMA weights in the model's variables, then restores the live weights. */
  withEmaWeights<T>(fn: () => T): T {
    const saved = this.params.map((p) => p.variable.clone())
    try {
      this.params.forEach((p) => p.variable.assign(this.shadow.get(p.name) as tf.Variable))
      return fn()
    } finally {
      this.params.forEach((p, i) => p.variable.assign(saved[i]))
      saved.forEach((t) => t.dispose())
    }
  }

  /** Async variant (evaluation yields to the event loop between batches). */
  async withEmaWeightsAsync<T>(fn: () => Promise<T>): Promise<T> {
    const saved = this.params.map((p) => p.variable.clone())
    try {
      this.params.forEach((p) => p.variable.assign(this.shadow.get(p.name) as tf.Variable))
      return await fn()
    } finally {
      this.params.forEach((p, i) => p.variable.assign(saved[i]))
      saved.forEach((t) => t.dispose())
    }
  }

  getWeights(): NamedTensor[] {
    return this.params.map((p) => ({ name: p.name, tensor: this.shadow.get(p.name) as tf.Variable }))
  }

  setWeights(weights: readonly NamedTensor[]): void {
    const byName = new Map(weights.map((w) => [w.name, w.tensor]))
    for (const p of this.params) {
      const value = byName.get(p.name)
      if (!value) throw new Error(`checkpoint lacks the EMA weight of ${p.name}`)
      ;(this.shadow.get(p.name) as tf.Variable).assign(value)
    }
  }

  dispose(): void {
    for (const s of this.shadow.values()) s.dispose()
    this.shadow.clear()
  }
}
