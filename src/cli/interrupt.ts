// Ctrl-C and SIGTERM for the CLI: the first asks the trainer to checkpoint and stop; the exit
// code then says which signal it was (128 + its number). In a terminal ^C reaches every
// process of the foreground group, and npm forwards its own copy too, so one keypress
// arrives twice: repeats within REPEAT_GRACE_MS of the first are that same keypress.
import { constants } from 'node:os'

const REPEAT_GRACE_MS = 1000
const SIGNALS = ['SIGINT', 'SIGTERM'] as const
type HandledSignal = (typeof SIGNALS)[number]

export interface InterruptHooks {
  /** Called once, on the first signal. */
  onFirst(signal: HandledSignal): void
  /** A later, deliberate signal: quit at once with this code. */
  exitNow(code: number): void
  now?: () => number
}

export const signalExitCode = (signal: HandledSignal): number => 128 + constants.signals[signal]

export class Interrupt {
  private first: { signal: HandledSignal; at: number } | null = null
  private readonly listener = (signal: NodeJS.Signals): void => this.receive(signal as HandledSignal)

  constructor(private readonly hooks: InterruptHooks) {}

  /** The code to exit with when the run ended because of a signal, else null. */
  get exitCode(): number | null {
    return this.first ? signalExitCode(this.first.signal) : null
  }

  receive(signal: HandledSignal): void {
    const now = (this.hooks.now ?? Date.now)()
    if (this.first === null) {
      this.first = { signal, at: now }
      this.hooks.onFirst(signal)
    } else if (now - this.first.at >= REPEAT_GRACE_MS) {
      this.hooks.exitNow(signalExitCode(signal))
    }
  }

  install(): void {
    for (const signal of SIGNALS) process.on(signal, this.listener)
  }

  uninstall(): void {
    for (const signal of SIGNALS) process.off(signal, this.listener)
  }
}
