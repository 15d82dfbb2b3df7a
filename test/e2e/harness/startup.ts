// The startup figure: from navigation to a usable Datasets view, i.e. the first sample
// atlas loaded, decoded and a frame drawn after it (performance.now() counts from the
// navigation). The workstation e2e records it in test-results/startup.json and the
// renderer bench reports it.
import type { Page } from 'playwright-core'

// In the page, from before the app's scripts run. A string: this file is typechecked without the DOM library.
const FIRST_SAMPLES_PAINTED = `new Promise((resolve) => {
  const check = async () => {
    const tile = document.querySelector('[data-testid="dataset-sample-grid"] .img')
    const url = tile && (/url\\("?(.*?)"?\\)/.exec(getComputedStyle(tile).backgroundImage) || [])[1]
    if (!url) return requestAnimationFrame(check)
    const img = new Image()
    img.src = url
    const ok = await img.decode().then(() => img.naturalWidth > 0, () => false)
    if (!ok) return requestAnimationFrame(check)
    requestAnimationFrame(() => resolve(performance.now()))
  }
  check()
})`

/** Milliseconds from navigating to `url` until the Datasets view shows its first sample images. */
export async function measureStartup(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' })
  return page.evaluate<number>(FIRST_SAMPLES_PAINTED)
}

export interface StartupFigure {
  /** The median of `runs`. */
  medianMs: number
  runs: number[]
  locale: string
  measuredAt: string
}

export async function startupFigure(page: Page, url: string, locale: string, runs = 5): Promise<StartupFigure> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) times.push(Math.round(await measureStartup(page, url)))
  const sorted = [...times].sort((a, b) => a - b)
  return { medianMs: sorted[Math.floor(sorted.length / 2)], runs: times, locale, measuredAt: new Date().toISOString() }
}
