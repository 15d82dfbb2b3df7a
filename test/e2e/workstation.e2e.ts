// The user's path through the real renderer, the real services and a real training worker:
// datasets -> a short Quick MNIST run -> live chart -> pseudo-label browser (wrong only,
// detail) -> save -> reload -> reopen the session with the same numbers, once in English and
// once in Korean (Chromium's OS locale, which the app follows). Screenshots of every view go
// to test-results/ (<name>.png, <name>-ko.png); the startup figure to test-results/startup.json.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { RESULTS_DIR, startHarness, startupFigure, type Harness, type StartupFigure } from './harness'

// Few, to keep the suite short, yet enough that a pause clicked as the run starts lands
// mid-run on a fast machine too (about 17 s for this test on this 2-core machine).
const STEPS = 40

async function points(page: Page): Promise<number> {
  return Number((await page.getByTestId('chart-placc').getAttribute('data-points')) ?? '0')
}

async function summary(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const key of ['step', 'records', 'placc', 'mask', 'test']) {
    out[key] = ((await page.getByTestId(`summary-${key}`).textContent()) ?? '').trim()
  }
  return out
}

// In the page: whether every visible sample tile's atlas image loads and decodes to pixels.
// A string, since this file is typechecked without the DOM library.
const TILE_IMAGES_PAINTED = `(async () => {
  const tiles = [...document.querySelectorAll('[data-testid="sample-tile"] .img')]
  const urls = new Set(tiles.map((t) => (/url\\("?(.*?)"?\\)/.exec(getComputedStyle(t).backgroundImage) || [])[1] || ''))
  if (tiles.length === 0 || urls.has('')) return false
  const loaded = await Promise.all([...urls].map((url) => {
    const img = new Image()
    img.src = url
    return img.decode().then(() => img.naturalWidth > 0, () => false)
  }))
  return loaded.every(Boolean)
})()`

async function tileImagesPainted(page: Page): Promise<boolean> {
  return page.evaluate<boolean>(TILE_IMAGES_PAINTED)
}

async function fill(page: Page, path: string, value: string): Promise<void> {
  const input = page.getByTestId(`cfg-${path.replace(/\./g, '-')}`)
  await input.fill(value)
}

// Each pass: the OS locale, what the app calls its first view there, and the other language.
const PASSES = [
  { locale: 'en-US', lang: 'en', datasets: 'Datasets', other: 'ko', otherDatasets: '데이터셋' },
  { locale: 'ko-KR', lang: 'ko', datasets: '데이터셋', other: 'en', otherDatasets: 'Datasets' }
] as const
const startup: StartupFigure[] = []

describe.each(PASSES)('workstation: the user path in $locale', (pass) => {
  let harness: Harness
  let page: Page

  beforeAll(async () => {
    harness = await startHarness({ locale: pass.locale })
    page = harness.page
    await page.setViewportSize({ width: 1400, height: 900 })
  })
  afterAll(async () => {
    await harness?.close()
  })

  it('opens on Datasets in the OS language, its first samples painted within the startup budget', async () => {
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(pass.lang)
    expect((await page.getByTestId('nav-datasets').locator('.label').textContent())?.trim()).toBe(pass.datasets)
    // Main is warm (the harness opened the page once); each run is a fresh page load.
    const figure = await startupFigure(page, `${harness.origin}/index.html`, pass.locale)
    startup.push(figure)
    await mkdir(RESULTS_DIR, { recursive: true })
    await writeFile(join(RESULTS_DIR, 'startup.json'), JSON.stringify(startup, null, 2))
    console.log(`[startup] ${pass.locale}: first sample images painted ${figure.medianMs} ms after navigation (median of ${figure.runs.join(', ')})`)
    // The target is 1 s in Chromium; a loaded 2-core machine gets slack, a regression does not.
    expect(figure.medianMs).toBeLessThan(3000)
  })

  it('shows MNIST in Datasets with its size, histogram and sample grid', async () => {
    await page.getByTestId('nav-datasets').click()
    const mnist = page.getByTestId('dataset-mnist')
    await mnist.waitFor()
    expect(await mnist.textContent()).toContain('MNIST')
    await page.getByTestId('dataset-detail-mnist').waitFor()
    await page.getByTestId('split-summary').waitFor()
    await page.getByTestId('dataset-sample-grid').waitFor()
    await harness.screenshot('workstation-datasets')
  })

  it('starts Quick MNIST with a few steps and watches the pseudo-label accuracy chart grow', async () => {
    await page.getByTestId('nav-experiments').click()
    await page.getByTestId('preset-select').selectOption('quick-mnist')
    await fill(page, 'steps', 'abc')
    await page.getByTestId('cfg-steps-error').waitFor()
    expect(await page.getByTestId('start-run').isDisabled()).toBe(true)
    await fill(page, 'steps', String(STEPS))
    await fill(page, 'evalInterval', String(STEPS / 4))
    await fill(page, 'sweepInterval', String(STEPS / 4))
    await fill(page, 'checkpointInterval', '0')
    await fill(page, 'batch.labeled', '8')
    await fill(page, 'batch.mu', '2')
    await fill(page, 'name', 'e2e quick mnist')
    expect(await page.getByTestId('cfg-steps-error').count()).toBe(0)
    await page.getByTestId('short-run-note').first().waitFor()
    await harness.screenshot('workstation-experiments')
    await page.getByTestId('start-run').click()

    await page.getByTestId('view-runs').waitFor()
    await page.getByTestId('run-controls').waitFor()
    // Pause as soon as the run is running (a short run could finish before a later pause):
    // the chart must then stand still, and grow again after resume.
    await page.getByTestId('run-pause').click({ timeout: 120_000 })
    await expect.poll(() => page.getByTestId('run-state').getAttribute('data-state'), { timeout: 30_000 }).toBe('paused')
    // The chart redraws on a throttle: it catches up to the step the run paused at, then holds.
    const paused = harness.services.runs.list().find((r) => r.state === 'paused')?.progress.step ?? -1
    expect(paused).toBeGreaterThan(0)
    expect(paused).toBeLessThan(STEPS)
    await expect.poll(() => points(page), { timeout: 10_000 }).toBe(paused)
    await page.waitForTimeout(1500)
    expect(await points(page)).toBe(paused)
    await page.getByTestId('run-resume').click()
    await expect.poll(() => points(page), { timeout: 120_000, interval: 100 }).toBeGreaterThan(paused)
    await harness.screenshot('workstation-runs-live')
    await expect.poll(() => page.getByTestId('run-state').getAttribute('data-state'), { timeout: 180_000, interval: 500 }).toBe('finished')
    await expect.poll(() => points(page), { timeout: 10_000 }).toBe(STEPS)
    await page.getByTestId('panel-threshold-sweep').locator('canvas').first().waitFor({ timeout: 30_000 })
    await harness.screenshot('workstation-runs')

    // Exports: the chart as PNG, the metrics as CSV (one row per step, header first).
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png-placc').click()])
    expect(png.suggestedFilename()).toMatch(/\.png$/)
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()])
    const text = await readFile((await csv.path())!, 'utf8')
    const rows = text.trim().split('\r\n')
    expect(rows[0].startsWith('step,')).toBe(true)
    expect(rows).toHaveLength(STEPS + 1)

    await page.getByTestId('x-time').click()
    await expect.poll(() => points(page)).toBe(STEPS)
    await harness.screenshot('workstation-runs-wallclock')
    await page.getByTestId('x-step').click()
    await page.getByTestId('panel-confusion').scrollIntoViewIfNeeded()
    await harness.screenshot('workstation-analysis')
  })

  it('opens the browser on a confusion-matrix cell', async () => {
    const panel = page.getByTestId('panel-confusion')
    await panel.scrollIntoViewIfNeeded()
    const box = await panel.locator('canvas').first().boundingBox()
    expect(box).not.toBeNull()
    // The heatmap's grid: left 56, right 12, top 8, bottom 44 (analysis-options.ts), 10 x 10 cells.
    const [pseudo, truth] = [6, 1]
    const cellW = (box!.width - 68) / 10
    const cellH = (box!.height - 52) / 10
    await page.mouse.click(box!.x + 56 + (pseudo + 0.5) * cellW, box!.y + 8 + (truth + 0.5) * cellH)
    await page.getByTestId('view-samples').waitFor()
    await expect.poll(() => page.getByTestId('filter-true').inputValue()).toBe(String(truth))
    expect(await page.getByTestId('filter-pseudo').inputValue()).toBe(String(pseudo))
    await page.getByTestId('filter-reset').click()
  })

  it('browses pseudo-labels: wrong only shows wrong markers only, Enter opens the detail', async () => {
    await page.getByTestId('nav-samples').click()
    await page.getByTestId('sample-tile').first().waitFor({ timeout: 30_000 })
    await harness.screenshot('workstation-samples')
    // Virtualized: thousands of samples, only the visible rows exist; scrolling to the end
    // renders the last one.
    const total = Number(await page.getByTestId('sample-count').getAttribute('data-total'))
    expect(total).toBeGreaterThan(1000)
    expect(await page.getByTestId('sample-tile').count()).toBeLessThan(400)
    await page.getByTestId('sample-grid').evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
    await expect.poll(() => page.locator(`[data-testid="sample-tile"][data-position="${total - 1}"]`).count()).toBe(1)
    await page.getByTestId('sample-grid').evaluate((el) => el.scrollTo({ top: 0 }))
    await page.getByTestId('filter-wrong').check()
    await expect.poll(async () => {
      const marks = await page.getByTestId('sample-tile').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-correct')))
      return marks.length > 0 && marks.every((m) => m === 'false')
    }, { timeout: 10_000 }).toBe(true)
    // After every filter change every visible tile's atlas still decodes to pixels.
    await expect.poll(() => tileImagesPainted(page), { timeout: 20_000 }).toBe(true)
    await page.getByTestId('sort').selectOption('confidence-asc')
    await expect.poll(() => tileImagesPainted(page), { timeout: 20_000 }).toBe(true)
    await page.getByTestId('filter-wrong').uncheck()
    await expect.poll(() => tileImagesPainted(page), { timeout: 20_000 }).toBe(true)
    await page.getByTestId('filter-wrong').check()
    await page.getByTestId('sort').selectOption('index')
    await expect.poll(() => tileImagesPainted(page), { timeout: 20_000 }).toBe(true)
    await page.getByTestId('sample-tile').first().click()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Enter')
    const detail = page.getByTestId('sample-detail')
    await detail.waitFor()
    expect(await page.getByTestId('detail-pseudo').getAttribute('data-correct')).toBe('false')
    expect(await page.getByTestId('detail-seen').textContent()).not.toContain('-1')
    // The detail image has pixels and shows at a readable size.
    const big = detail.locator('img.big')
    const decoded = (img: unknown) => {
      const { complete, naturalWidth } = img as { complete: boolean; naturalWidth: number }
      return complete && naturalWidth > 0
    }
    await expect.poll(() => big.evaluate(decoded), { timeout: 10_000 }).toBe(true)
    expect((await big.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(200)
    await page.getByTestId('detail-history').locator('tbody tr').first().waitFor()
    await harness.screenshot('workstation-samples-detail')
  })

  it('saves the session, reloads, reopens it and shows the same numbers', async () => {
    await page.getByTestId('nav-runs').click()
    const before = await summary(page)
    expect(before.step).toBe(String(STEPS))
    await page.getByTestId('save-session').click()
    await page.getByTestId('saved-note').waitFor()

    await page.reload()
    // The start screen lists it among the recent sessions.
    await page.getByTestId('recent-session').filter({ hasText: 'e2e quick mnist' }).waitFor({ timeout: 30_000 })
    await page.getByTestId('nav-sessions').click()
    const row = page.getByTestId('session-row').filter({ hasText: 'e2e quick mnist' })
    await row.waitFor({ timeout: 30_000 })
    await harness.screenshot('workstation-sessions')
    await row.getByTestId('session-open').click()
    await page.getByTestId('view-runs').waitFor()
    await expect.poll(() => points(page), { timeout: 30_000 }).toBe(STEPS)
    expect(await summary(page)).toEqual(before)
    await harness.screenshot('workstation-runs-reopened')

    // The saved browser state came back too: wrong-only is still on.
    await page.getByTestId('nav-samples').click()
    await page.getByTestId('sample-tile').first().waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('filter-wrong').isChecked()).toBe(true)

    // Ctrl+S saves from the dashboard only, not from a view shown over the kept-alive dashboard.
    await page.keyboard.press('Control+s')
    await page.getByTestId('nav-runs').click()
    await page.getByTestId('view-runs').waitFor()
    expect(await page.getByTestId('saved-note').count()).toBe(0)
    await page.keyboard.press('Control+s')
    await page.getByTestId('saved-note').waitFor()
  })

  it('duplicates, compares, renames and deletes sessions', async () => {
    await page.getByTestId('nav-sessions').click()
    const original = page.getByTestId('session-row').filter({ hasText: 'e2e quick mnist' })
    await original.getByTestId('session-duplicate').click()
    await page.getByTestId('session-name-input').fill('e2e copy')
    await page.getByTestId('session-name-input').press('Enter')
    const copy = page.getByTestId('session-row').filter({ hasText: 'e2e copy' })
    await copy.waitFor({ timeout: 30_000 })
    await original.getByTestId('session-compare-pick').check()
    await copy.getByTestId('session-compare-pick').check()
    const compare = page.getByTestId('chart-compare')
    await expect.poll(async () => Number(await compare.getAttribute('data-points')), { timeout: 30_000 }).toBe(STEPS)
    // Every compared session is in the legend, even when two curves coincide.
    await expect.poll(async () => (await compare.getAttribute('data-legend'))?.split('\n').sort(), { timeout: 30_000 }).toEqual(['e2e copy', 'e2e quick mnist'])
    await harness.screenshot('workstation-sessions-compare')

    await copy.getByTestId('session-rename').click()
    await page.getByTestId('session-name-input').fill('e2e renamed')
    await page.getByTestId('session-name-input').press('Enter')
    const renamed = page.getByTestId('session-row').filter({ hasText: 'e2e renamed' })
    await renamed.waitFor({ timeout: 30_000 })
    await renamed.getByTestId('session-delete').click()
    await renamed.getByTestId('session-delete').click()
    await expect.poll(() => page.getByTestId('session-row').count(), { timeout: 30_000 }).toBe(1)
  })

  it('switches the language in Settings and keeps the choice across a reload', async () => {
    const nav = page.getByTestId('nav-datasets').locator('.label')
    await page.getByTestId('nav-settings').click()
    await page.getByTestId('settings-locale').selectOption(pass.other)
    await expect.poll(async () => (await nav.textContent())?.trim()).toBe(pass.otherDatasets)
    expect(await page.locator('html').getAttribute('lang')).toBe(pass.other)
    await page.reload()
    await expect.poll(async () => (await nav.textContent())?.trim(), { timeout: 30_000 }).toBe(pass.otherDatasets)
    await page.getByTestId('nav-settings').click()
    await page.getByTestId('settings-locale').selectOption('system')
    await expect.poll(async () => (await nav.textContent())?.trim()).toBe(pass.datasets)
  })

  it('shows settings', async () => {
    await page.getByTestId('nav-settings').click()
    await page.getByTestId('settings-theme').waitFor()
    // Training threads: 'auto' says what it gives on this machine; a count is kept by main.
    const threads = page.getByTestId('settings-threads')
    expect(await threads.inputValue()).toBe('auto')
    expect(await threads.locator('option[value="auto"]').textContent()).toMatch(new RegExp(`${Math.min(8, availableParallelism())}\\D.*${availableParallelism()}`))
    await threads.selectOption('1')
    await expect.poll(() => harness.services.settings.get().trainingThreads).toBe(1)
    await harness.screenshot('workstation-settings')
    await threads.selectOption('auto')
    await expect.poll(() => harness.services.settings.get().trainingThreads).toBe('auto')
    await page.getByTestId('settings-theme').selectOption('dark')
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark')
    await page.getByTestId('nav-runs').click()
    await harness.screenshot('workstation-runs-dark')
    await page.getByTestId('nav-samples').click()
    await harness.screenshot('workstation-samples-dark')
  })
})
