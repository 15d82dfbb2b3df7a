// Soft pseudo-labels (Dash before rho_min: U dash/utils.py:47-48) and the labeled batch's loss
// (Dash's rho_init), on the probabilities a strategy reads.

/** softmax(logits / T) from p = softmax(logits): p^(1/T) renormalized, per row. */
export function sharpen(probs: Float32Array, numClasses: number, temperature: number): Float32Array {
  const out = new Float32Array(probs.length)
  for (let row = 0; row < probs.length; row += numClasses) {
    let top = 0
    for (let c = 0; c < numClasses; c++) top = Math.max(top, probs[row + c])
    let sum = 0
    const q = new Array<number>(numClasses)
    for (let c = 0; c < numClasses; c++) {
      q[c] = Math.pow(probs[row + c] / top, 1 / temperature)
      sum += q[c]
    }
    for (let c = 0; c < numClasses; c++) out[row + c] = q[c] / sum
  }
  return out
}

/** Mean over the batch of -log p[label]. */
export function labeledLoss(probs: Float32Array, labels: Int32Array, numClasses: number): number {
  if (labels.length === 0) return 0
  let sum = 0
  labels.forEach((y, i) => {
    sum -= Math.log(Math.max(probs[i * numClasses + y], 1e-38))
  })
  return sum / labels.length
}

/**
 * The dense targets of Lu, or null for one-hot pseudo-labels: the strategy's soft rows, except
 * where an oracle ablation replaced the pseudo-label (that row becomes the one-hot of its label).
 */
export function lossTargets(soft: Float32Array | undefined, own: Int32Array, used: Int32Array, numClasses: number): Float32Array | null {
  if (!soft) return null
  const out = Float32Array.from(soft)
  used.forEach((label, i) => {
    if (label === own[i]) return
    out.fill(0, i * numClasses, (i + 1) * numClasses)
    out[i * numClasses + label] = 1
  })
  return out
}
