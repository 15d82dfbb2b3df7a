// The algorithm comparison through the real renderer, services and training workers: the
// Quick MNIST comparison preset queues FixMatch, FlexMatch, Pseudo-Label, FreeMatch,
// SoftMatch and the supervised and oracle bounds (tiny runs), the Sessions view opens them compared with the quantity-quality plot,
// a FlexMatch session shows its per-class thresholds, and its browser judges by its rule.
// Screenshots: test-results/algorithms-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startHarness, type Harness } from './harness'

const STEPS = 4
const NAME = 'e2e algorithms'
// The five SSL rules, then the two bounds the preset adds (the oracle is labelled so).
const ALGORITHMS = ['FixMatch', 'FlexMatch', 'Pseudo-Label', 'FreeMatch', 'SoftMatch', 'Supervised (labeled only)', 'Fully supervised (oracle)']

async function fill(page: Page, path: string, value: string): Promise<void> {
  await page.getByTestId(`cfg-${path.replace(/\./g, '-')}`).fill(value)
}

describe('algorithm comparison', () => {
  let harness: Harness
  let page: Page

  beforeAll(async () => {
    harness = await startHarness({ locale: 'en-US' })
    page = harness.page
    await page.setViewportSize({ width: 1400, height: 1100 })
  })
  afterAll(async () => {
    await harness?.close()
  })

  it('queues the five algorithms and the two bounds from the comparison preset and compares them, quantity against quality', async () => {
    await page.getByTestId('nav-experiments').click()
    await page.getByTestId('preset-select').selectOption('algorithm-comparison-quick-mnist')
    await fill(page, 'steps', String(STEPS))
    await fill(page, 'evalInterval', '2')
    await fill(page, 'sweepInterval', '2')
    await fill(page, 'checkpointInterval', '0')
    await fill(page, 'batch.labeled', '4')
    await fill(page, 'batch.mu', '2')
    await fill(page, 'name', NAME)
    await harness.screenshot('algorithms-experiments')
    await page.getByTestId('start-run').click()

    await page.getByTestId('view-sessions').waitFor()
    const rows = page.getByTestId('session-row').filter({ hasText: NAME })
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(ALGORITHMS.length)
    // Queued through the run manager, one after another: wait until all of them have finished.
    await expect
      .poll(async () => rows.locator('[data-status="finished"]').count(), { timeout: 600_000, interval: 2000 })
      .toBe(ALGORITHMS.length)
    const compare = page.getByTestId('chart-compare')
    await expect.poll(async () => Number(await compare.getAttribute('data-points')), { timeout: 60_000 }).toBe(STEPS)
    await expect
      .poll(async () => (await compare.getAttribute('data-legend'))?.split('\n'), { timeout: 30_000 })
      .toEqual(ALGORITHMS.map((a) => `${NAME} · ${a}`))
    const qq = page.getByTestId('quantity-quality')
    await qq.locator('canvas').first().waitFor({ timeout: 30_000 })
    expect(await qq.getAttribute('data-series')).toBe(String(ALGORITHMS.length))
    await compare.scrollIntoViewIfNeeded()
    await harness.screenshot('algorithms-compare')
    // SoftMatch is among them: the mask rate is named with the mean weight.
    await page.getByTestId('compare-metric').selectOption('maskRate')
    await expect.poll(async () => (await page.getByTestId('session-compare').textContent()) ?? '').toContain('Mask rate / mean weight')
    await qq.scrollIntoViewIfNeeded()
    await harness.screenshot('algorithms-compare-mask-rate')
  }, 900_000)

  it('shows FlexMatch per-class thresholds on its dashboard and judges its browser by its rule', async () => {
    await page.getByTestId('session-row').filter({ hasText: `${NAME} · FlexMatch` }).getByTestId('session-open').click()
    await page.getByTestId('view-runs').waitFor()
    const chart = page.getByTestId('chart-class-thresholds')
    await chart.waitFor({ timeout: 30_000 })
    await expect.poll(async () => (await chart.getAttribute('data-legend'))?.split('\n').length, { timeout: 30_000 }).toBe(10)
    await chart.scrollIntoViewIfNeeded()
    await harness.screenshot('algorithms-flexmatch-thresholds')
    await page.getByTestId('nav-samples').click()
    await page.getByTestId('rule-note').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('rule-note').textContent()).toContain('per-class thresholds')
    expect(await page.getByTestId('view-samples').textContent()).toContain('Confident-wrong (by the run’s rule)')
    await harness.screenshot('algorithms-flexmatch-samples')
  }, 120_000)

  it('names SoftMatch’s mask rate its mean weight on the dashboard', async () => {
    await page.getByTestId('nav-sessions').click()
    await page.getByTestId('session-row').filter({ hasText: `${NAME} · SoftMatch` }).getByTestId('session-open').click()
    await page.getByTestId('view-runs').waitFor()
    await expect.poll(async () => (await page.getByTestId('run-summary').textContent()) ?? '', { timeout: 30_000 }).toContain('Mean weight')
    expect(await page.getByTestId('chart-masked').getAttribute('data-legend')).toContain('Mean weight')
    expect(await page.getByTestId('chart-class-thresholds').count()).toBe(0)
    await harness.screenshot('algorithms-softmatch-runs')
  }, 120_000)
})
