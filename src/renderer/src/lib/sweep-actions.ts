// Whether the Sweeps view offers Cancel and Resubmit for a sweep: not while another process
// (npm run sweep) follows it, nor when main only reads it (its sweep.json names cluster
// options off the allow-list; main refuses those actions too).
import type { SweepDetail } from '../../../shared/sweep-view'

export const sweepActionsAllowed = (detail: SweepDetail | null): boolean => detail !== null && detail.followedBy === null && detail.summary.readOnly === null
