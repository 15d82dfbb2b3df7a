// confusion[true][pseudo] over per-sample labels: the app's analysis panel (every sample seen)
// and the ablation study (the wrong pseudo-labels that count) both count it here.

/** Counts (true, pseudo) pairs with both labels in range, over the samples `include` keeps. */
export function confusionMatrix(
  trueLabel: ArrayLike<number>,
  pseudoLabel: ArrayLike<number>,
  numClasses: number,
  include: (i: number) => boolean = () => true
): number[][] {
  const m = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0))
  for (let i = 0; i < pseudoLabel.length; i++) {
    const p = pseudoLabel[i]
    const t = trueLabel[i]
    if (p >= 0 && p < numClasses && t >= 0 && t < numClasses && include(i)) m[t][p]++
  }
  return m
}
