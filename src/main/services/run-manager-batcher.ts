// Coalesces a run's per-step items into at most one emit per interval, however fast the
// worker steps: the first item after a quiet spell goes out at once, later ones wait for
// the next tick. flush() empties it now (on done, exit, or a state change).
export class Batcher<T> {
  private pending: T[] = []
  private timer: ReturnType<typeof setTimeout> | null = null
  private lastEmit = -Infinity

  constructor(
    private readonly emit: (items: T[]) => void,
    private readonly intervalMs: number,
    private readonly clock: () => number = () => performance.now()
  ) {}

  push(items: readonly T[]): void {
    if (items.length === 0) return
    for (const item of items) this.pending.push(item)
    if (this.timer) return
    const wait = this.lastEmit + this.intervalMs - this.clock()
    if (wait <= 0) this.flush()
    else this.timer = setTimeout(() => this.flush(), wait)
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    if (this.pending.length === 0) return
    const items = this.pending
    this.pending = []
    this.lastEmit = this.clock()
    this.emit(items)
  }
}
