// Store subscriptions (api.on, watchers) live as long as the app; App.vue stops them all on
// unmount, and each store may then start again.
type Stop = () => void

const stops: Stop[] = []
const resets: Stop[] = []

export function track(...fns: Stop[]): void {
  stops.push(...fns)
}

/** A start-once guard whose flag is cleared by stopStores(). */
export function once(start: () => void): () => void {
  let started = false
  resets.push(() => (started = false))
  return () => {
    if (started) return
    started = true
    start()
  }
}

export function stopStores(): void {
  for (const stop of stops.splice(0)) stop()
  for (const reset of resets) reset()
}
