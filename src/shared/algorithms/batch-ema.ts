// The per-batch statistics the self-adaptive algorithms (FreeMatch, SoftMatch) fold into
// their EMAs, as USB computes them: one place for the class-wise mean of the probabilities.

/** The mean over the batch of each class's probability (probs row-major [n, numClasses]). */
export function classMeanOfProbs(probs: ArrayLike<number>, numClasses: number, n: number): number[] {
  const mean = new Array<number>(numClasses).fill(0)
  for (let i = 0; i < n * numClasses; i++) mean[i % numClasses] += probs[i] / n
  return mean
}

/** m * previous + (1 - m) * batch, per entry. */
export function emaStep(previous: readonly number[], batch: readonly number[], m: number): number[] {
  return previous.map((p, c) => m * p + (1 - m) * batch[c])
}
