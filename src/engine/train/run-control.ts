// Commands that arrive while the loop runs: pause, resume, stop, sweep-now. The loop polls
// between steps and parks on waitWhilePaused() while paused.
export type StopReason = 'user' | 'quit'

export class RunControl {
  paused = false
  stopReason: StopReason | null = null
  sweepRequested = false
  private wake: (() => void) | null = null

  pause(): void {
    this.paused = true
  }

  resume(): void {
    this.paused = false
    this.notify()
  }

  stop(reason: StopReason): void {
    this.stopReason = reason
    this.notify()
  }

  requestSweep(): void {
    this.sweepRequested = true
    this.notify()
  }

  get stopping(): boolean {
    return this.stopReason !== null
  }

  /** Resolves on the next command (resume, stop or sweep-now). */
  nextCommand(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve
    })
  }

  private notify(): void {
    const wake = this.wake
    this.wake = null
    wake?.()
  }
}
