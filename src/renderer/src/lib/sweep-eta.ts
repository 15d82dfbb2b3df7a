// A sweep's time left: the steps its unfinished runs have yet to train, at the seconds per step
// its runs have shown, spread over the runs training at once. Null until a run has timed steps.
import { isFinalRunState, type SweepRunEntry } from '../../../shared/sweep-manifest'
import type { RunResult } from '../../../shared/sweep-results'

export function sweepEtaSec(runs: readonly SweepRunEntry[], results: readonly (RunResult | null)[]): number | null {
  const open = runs.filter((r) => !isFinalRunState(r.state))
  if (open.length === 0) return null
  const timed = results.map((r) => r?.secPerStep).filter((s): s is number => s !== undefined && s > 0)
  // The live runs' pace first: the newest machine state; else every run that showed one.
  const live = open.map((r) => results[r.index]?.secPerStep).filter((s): s is number => s !== undefined && s > 0)
  const pace = live.length > 0 ? live : timed
  if (pace.length === 0) return null
  const secPerStep = pace.reduce((a, b) => a + b, 0) / pace.length
  const left = open.reduce((n, r) => {
    const result = results[r.index]
    return n + Math.max(0, (result?.totalSteps ?? r.config.steps) - (result?.step ?? 0))
  }, 0)
  const together = Math.max(1, open.filter((r) => r.state === 'running').length)
  return (left * secPerStep) / together
}
