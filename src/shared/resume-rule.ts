// When a session may be continued, and to how many steps: one rule for the CLI, the app's
// run manager and the trainer. Null means it may; otherwise the reason it may not.
export interface ResumeRequest {
  checkpointStep: number | null
  /** The steps the session is currently planned to reach (its config). */
  plannedSteps: number
  /** The total steps asked for, or null to go on to the planned ones. */
  requestedSteps: number | null
}

export function resumeRefusal(r: ResumeRequest): string | null {
  if (r.checkpointStep === null) return 'it has no checkpoint to continue from'
  const k = r.checkpointStep
  if (r.requestedSteps === null) {
    return k >= r.plannedSteps ? `it is finished: it trained all its ${r.plannedSteps} steps; ask for more than ${k} steps to train further` : null
  }
  if (r.requestedSteps <= k) return `${r.requestedSteps} steps is not beyond its checkpoint at step ${k}; ask for more than ${k} steps`
  return null
}
