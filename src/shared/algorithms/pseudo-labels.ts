// Pseudo-labels of a batch: each row's argmax and max, read by every strategy and by the sweeps.

/** Argmax (first index on ties, like tf.argMax) and max of each row of an N x C matrix. */
export function pseudoLabelsFromProbs(
  probs: Float32Array,
  numClasses: number
): { pseudoLabel: Int32Array; confidence: Float32Array } {
  if (numClasses < 1 || probs.length % numClasses !== 0) {
    throw new RangeError(`probabilities: length ${probs.length} is not a multiple of ${numClasses} classes`)
  }
  const n = probs.length / numClasses
  const pseudoLabel = new Int32Array(n)
  const confidence = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    const row = i * numClasses
    let best = 0
    let bestP = probs[row]
    for (let c = 1; c < numClasses; c++) {
      const p = probs[row + c]
      if (p > bestP) {
        bestP = p
        best = c
      }
    }
    pseudoLabel[i] = best
    confidence[i] = bestP
  }
  return { pseudoLabel, confidence }
}
