// The algorithm comparison through the real renderer, services and training workers: the
// Quick MNIST comparison preset, at 2 training seeds and tiny runs, submits one sweep of the
// eleven SSL algorithms and the two bounds (13 × 2 runs on one split, this machine's run queue); the
// Sweeps view shows them compared: mean ± std bands (one legend entry per algorithm, the
// oracle labelled so), the table, and every pair's Welch t with its verdict in words. A
// FlexMatch run's dashboard shows its per-class thresholds, and its browser judges by its rule.
// Screenshots: test-results/algorithms-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { readSweepManifest } from '../../src/node/sweep/sweep-folder'
import { startHarness, type Harness } from './harness'

const STEPS = 4
const SEEDS = 2
const NAME = 'e2e algorithms'
// The eleven SSL algorithms, then the two bounds the preset adds (the oracle is labelled so).
const SSL = ['FixMatch', 'FlexMatch', 'Pseudo-Label', 'FreeMatch', 'SoftMatch', 'Dash', 'AdaMatch', 'UDA', 'DeFixMatch', 'Pi-Model', 'Mean Teacher']
const ALGORITHMS = [...SSL, 'Supervised (labeled only)', 'Fully supervised (oracle)']
const RUNS = ALGORITHMS.length * SEEDS
const PAIRS = (ALGORITHMS.length * (ALGORITHMS.length - 1)) / 2

async function fill(page: Page, path: string, value: string): Promise<void> {
  await page.getByTestId(`cfg-${path.replace(/\./g, '-')}`).fill(value)
}

async function openRun(page: Page, name: string): Promise<void> {
  await page.getByTestId('nav-sweeps').click()
  await page.getByTestId('sweep-runs').locator('tr', { hasText: name }).first().getByRole('button', { name: 'Open' }).click()
}

describe('algorithm comparison', () => {
  let harness: Harness
  let page: Page

  beforeAll(async () => {
    harness = await startHarness({ locale: 'en-US' })
    page = harness.page
    await page.setViewportSize({ width: 1400, height: 1500 })
    harness.services.settings.set({ maxConcurrentRuns: 2 })
  })
  afterAll(async () => {
    await harness?.close()
  })

  it('queues the eleven algorithms and the two bounds on two seeds as one sweep and compares them with bands and Welch pairs', async () => {
    await page.getByTestId('nav-experiments').click()
    await page.getByTestId('preset-select').selectOption('algorithm-comparison-quick-mnist')
    expect(await page.getByTestId('comparison-seeds').inputValue()).toBe('3')
    await page.getByTestId('comparison-seeds').fill(String(SEEDS))
    await fill(page, 'steps', String(STEPS))
    await fill(page, 'evalInterval', '2')
    await fill(page, 'sweepInterval', '2')
    await fill(page, 'checkpointInterval', '0')
    await fill(page, 'batch.labeled', '4')
    await fill(page, 'batch.mu', '2')
    await fill(page, 'split.labelsPerClass', '2')
    await fill(page, 'name', NAME)
    await expect.poll(() => page.getByTestId('view-experiments').textContent()).toContain(`${RUNS} runs`)
    await harness.screenshot('algorithms-experiments')
    await page.getByTestId('start-run').click()

    await page.getByTestId('view-sweeps').waitFor()
    await page.getByTestId('algorithm-comparison').waitFor({ timeout: 60_000 })
    await expect.poll(() => page.locator('[data-testid^="sweep-run-"][data-state]').count(), { timeout: 60_000 }).toBe(RUNS)
    await expect
      .poll(() => page.locator('[data-testid^="sweep-run-"][data-state="finished"]').count(), { timeout: 800_000, interval: 2000 })
      .toBe(RUNS)

    // The table: one row per algorithm, every seed counted, the bounds tagged, the oracle named so.
    const rows = page.getByTestId('comparison-row')
    await expect.poll(() => page.getByTestId('comparison-label').allTextContents(), { timeout: 30_000 }).toEqual(ALGORITHMS)
    await expect.poll(() => page.getByTestId('comparison-progress').count(), { timeout: 30_000 }).toBe(0)
    for (let i = 0; i < ALGORITHMS.length; i++) {
      expect(await rows.nth(i).locator('td').nth(1).textContent()).toBe(String(SEEDS))
      expect(await rows.nth(i).getByTestId('cell-test-acc').textContent()).toMatch(/%.*±.*%/)
    }
    // Each algorithm's steps: Pseudo-Label's recipe trains 3x the comparison's.
    const steps = await page.getByTestId('cell-steps').allTextContents()
    expect(steps).toEqual(ALGORITHMS.map((title) => String(title === 'Pseudo-Label' ? 3 * STEPS : STEPS)))
    expect(await rows.nth(SSL.length + 1).getAttribute('data-kind')).toBe('oracle')
    expect(await rows.nth(SSL.length + 1).getByTestId('comparison-kind').textContent()).toContain('oracle')
    expect(await rows.nth(SSL.length).getAttribute('data-kind')).toBe('bound')
    // Every pair tested with Welch's t, said in words.
    const pairs = page.getByTestId('comparison-pair')
    expect(await pairs.count()).toBe(PAIRS)
    expect(await page.getByTestId('comparison-headline').textContent()).toMatch(new RegExp(`^At p < 0\\.05, the seeds tell \\d+ of ${PAIRS} pairs apart and cannot tell \\d+ apart(; \\d+ not tested)?\\.$`))
    // Tiny runs often end every seed at the same figure: those pairs say they were not tested.
    for (const words of await pairs.locator('td:last-child').allTextContents()) expect(words).toMatch(/(the seeds (cannot )?tell them apart|not tested \(Welch’s t needs 2 or more seeds on each side, and seeds that do not all end at the same figure\))\.$/)
    // The bands: one legend entry per algorithm; a point at each evaluated step, the longest Pseudo-Label's.
    const bands = page.getByTestId('comparison-bands')
    expect((await bands.getAttribute('data-legend'))?.split('\n')).toEqual(ALGORITHMS)
    expect(await bands.getAttribute('data-points')).toBe(String((3 * STEPS) / 2))
    await bands.locator('canvas').first().waitFor({ timeout: 30_000 })
    await page.getByTestId('algorithm-comparison').scrollIntoViewIfNeeded()
    await harness.screenshot('algorithms-compare')

    // sweep.json: every algorithm on both seeds of one split, each with USB's recipe (Pseudo-Label, Pi-Model and Mean Teacher at uratio 1).
    const [summary] = (await harness.services.sweeps.list()).sweeps
    const manifest = await readSweepManifest(`${harness.services.sweeps.sweepsDir()}/${summary.id}`)
    expect(manifest.spec.algorithms).toHaveLength(ALGORITHMS.length)
    expect(new Set(manifest.runs.map((r) => JSON.stringify(r.config.split))).size).toBe(1)
    expect(manifest.runs.map((r) => [r.config.seed, r.config.algorithm.name, r.config.batch.mu, r.state]).slice(0, 3)).toEqual([
      [manifest.runs[0].config.seed, 'fixmatch', 2, 'finished'],
      [manifest.runs[0].config.seed, 'flexmatch', 2, 'finished'],
      [manifest.runs[0].config.seed, 'pseudolabel', 1, 'finished']
    ])
    expect(manifest.runs.filter((r) => r.config.batch.mu === 1).map((r) => r.config.algorithm.name)).toEqual(Array(SEEDS).fill(['pseudolabel', 'pimodel', 'meanteacher']).flat())
    expect(manifest.runs.filter((r) => r.config.steps !== STEPS).map((r) => [r.config.algorithm.name, r.config.steps])).toEqual(Array(SEEDS).fill(['pseudolabel', 3 * STEPS]))
    expect(new Set(manifest.runs.map((r) => r.config.seed)).size).toBe(SEEDS)
  }, 900_000)

  it('shows FlexMatch per-class thresholds on its dashboard and judges its browser by its rule', async () => {
    await openRun(page, 'flexmatch')
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
    await openRun(page, 'softmatch')
    await page.getByTestId('view-runs').waitFor()
    await expect.poll(async () => (await page.getByTestId('run-summary').textContent()) ?? '', { timeout: 30_000 }).toContain('Mean weight')
    expect(await page.getByTestId('chart-masked').getAttribute('data-legend')).toContain('Mean weight')
    expect(await page.getByTestId('chart-class-thresholds').count()).toBe(0)
    await harness.screenshot('algorithms-softmatch-runs')
  }, 120_000)
})
