// The part of `--help` that explains every figure and abbreviation the run prints (the
// progress line of progress.ts, the eval lines and the summary of summary.ts).
// test/cli/help.test.ts checks each label of a real run's output is explained here.
import { PROGRESS_WINDOW } from './progress'
import { SUMMARY_WINDOW } from './summary'

export const FIGURES_HELP = `What the run prints
  Pseudo-label figures compare each unlabeled image's pseudo-label (the model's argmax on its
  weakly augmented view) with its true label, which the run hides from training and uses for
  these diagnostics only.

  Progress line (rewritten in place on a terminal, where a narrow one drops the bar, ETA, img/s,
  the total and the losses first; otherwise a line every 10 s and at the end). Losses and rates
  are means over the last ${PROGRESS_WINDOW} steps:
    [####......] 120/600  steps done / total steps
    Lx 0.123              supervised loss: cross-entropy on the labeled batch
    Lu 0.045              unlabeled loss: cross-entropy of the strong view against the
                          pseudo-label, masked, averaged over the whole unlabeled batch
    plAccAll 85.0%        pseudo-label accuracy over every unlabeled image of the batch
    mask 40.0%            mask rate: the share of unlabeled images whose pseudo-label passes
                          the confidence threshold and trains (FlexMatch and FreeMatch: their
                          per-class thresholds). SoftMatch prints "weight": its mean weight
    plAccMasked 97.0%     accuracy of the pseudo-labels that pass, weighted by their share;
                          "-" while none passes
    confWrong 12          confident-wrong: pseudo-labels that pass the threshold and are
      (total 340)         wrong, so the model trains on a wrong class; summed over the last
                          ${PROGRESS_WINDOW} steps, and in brackets over the whole run so far.
                          SoftMatch prints "wrongWeight": the weight given to wrong ones
    600 img/s             training throughput: the images of each step's forward pass
                          (labeled, and the weak and strong views of the unlabeled)
    ETA 1:23              time left at the current speed (m:ss or h:mm:ss)

  Eval lines, every evalInterval steps and at the end:
    step 100: test accuracy 88.10%, EMA 89.80%
                          top-1 accuracy on the test set of the raw model and of the EMA
                          (moving average of the weights) model, when EMA is on

  Summary at the end:
    test accuracy         raw and EMA, from the last evaluation (its step, test images)
    last N steps          plAccAll, maskRate (SoftMatch: meanWeight) and plAccMasked over the
                          last N steps of this run (N up to ${SUMMARY_WINDOW})
    confident-wrong       its count over those steps, over this run, and in the last full
                          sweep: "K of M" unlabeled images (SoftMatch: weight on wrong)
    full sweep (ema|raw)  the same figures over the entire unlabeled set, from the last full
                          sweep (every sweepInterval steps and at the end), by the EMA model
                          when EMA is on
    time                  wall time of the run, and its mean images/s
    session               the session folder (metrics.jsonl has every figure of every step)

  --compare-algorithms ends with one row per algorithm, mean ± std over its training seeds:
  final test raw/EMA, the last full sweep's mask rate (mean weight) and plAccMasked (none for
  the supervised bound and the fully supervised oracle), steps until the EMA accuracy reached
  90% (and on how many seeds), the largest class's share of the pseudo-labels over the second
  half, the worst 10-step window of the first half (share @ step, seed), and the seeds that
  ended collapsed (one class > 50% of the last sweep's predictions). Then Welch's t on final
  EMA accuracy for every pair, its p, and in words which differences the seeds can tell apart.`
