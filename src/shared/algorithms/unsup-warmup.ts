// USB's ramp of the unsupervised loss (pseudolabel.py, pimodel.py:61, meanteacher.py:68):
// unsup_warmup = clip(it / (unsup_warm_up * num_train_iter), 0, 1), it counted from 0.

/** The ramp at this 1-based step (it = step - 1); 1 throughout with a warm-up of 0. */
export function unsupWarmupScale(step: number, warmup: number, totalSteps: number): number {
  if (warmup <= 0) return 1
  return Math.min(1, Math.max(0, (step - 1) / (warmup * totalSteps)))
}
