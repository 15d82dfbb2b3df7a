// The Sweeps view end to end: a sweep built from the Experiments form plus a grid (threshold x
// seed), submitted to this machine's run queue (two at a time, real training workers),
// followed live, compared (mean ± std over seeds, overlaid curves) and one run opened in the
// dashboard. Slurm is covered by test/cli/sweep-slurm.test.ts. Screenshots in test-results/.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSweepManifest } from '../../src/node/sweep/sweep-folder'
import { startHarness, type Harness } from './harness'

const STEPS = 8

async function fill(page: Page, path: string, value: string): Promise<void> {
  await page.getByTestId(`cfg-${path.replace(/\./g, '-')}`).fill(value)
}

describe('the Sweeps view', () => {
  let harness: Harness
  let page: Page

  beforeAll(async () => {
    harness = await startHarness()
    page = harness.page
    await page.setViewportSize({ width: 1400, height: 1300 })
    harness.services.settings.set({ maxConcurrentRuns: 2 })
  })
  afterAll(async () => {
    await harness?.close()
  })

  it('builds a sweep from the experiment form, follows its runs and compares the grid', async () => {
    await page.getByTestId('nav-experiments').click()
    await page.getByTestId('preset-select').selectOption('quick-mnist')
    await fill(page, 'name', 'e2e sweep base')
    await fill(page, 'steps', String(STEPS))
    await fill(page, 'evalInterval', '4')
    await fill(page, 'sweepInterval', '0')
    await fill(page, 'checkpointInterval', '0')
    await fill(page, 'batch.labeled', '4')
    await fill(page, 'batch.mu', '1')
    await fill(page, 'split.labelsPerClass', '2')

    await page.getByTestId('nav-sweeps').click()
    await page.getByTestId('view-sweeps').waitFor()
    await page.getByTestId('sweep-name').fill('e2e-tau')
    await page.getByTestId('grid-row-0').locator('input').fill('0.5, 0.95')
    // A bad value is named beside its row, and nothing can be submitted.
    await page.getByTestId('grid-row-1').locator('input').fill('1, x')
    await expect.poll(() => page.getByTestId('grid-row-1').getByRole('alert').textContent()).toContain("'x'")
    expect(await page.getByTestId('sweep-submit').isDisabled()).toBe(true)
    await page.getByTestId('grid-row-1').locator('input').fill('1, 2')
    await expect.poll(() => page.getByTestId('sweep-run-count').textContent()).toBe('4 runs')
    await page.getByTestId('sweep-submit').click()

    await page.getByTestId('sweep-detail').waitFor()
    // Following: two train at once, the others wait in the queue; steps come from the session folders.
    await expect.poll(() => page.locator('[data-testid^="sweep-run-"][data-state="running"]').count(), { timeout: 120_000, interval: 300 }).toBe(2)
    await expect.poll(() => page.getByTestId('sweep-run-0').getByTestId('run-step').textContent(), { timeout: 120_000, interval: 300 }).toMatch(/^[1-8]\/8$/)
    await harness.screenshot('sweeps-following')

    await expect.poll(() => page.locator('[data-testid^="sweep-run-"][data-state="finished"]').count(), { timeout: 300_000, interval: 500 }).toBe(4)
    await expect.poll(() => page.getByTestId('sweep-run-3').getByTestId('run-test-acc').textContent(), { timeout: 10_000 }).toMatch(/%$/)
    // Compared: one row per threshold, mean ± std over the two seeds; one line per run in each chart.
    expect(await page.locator('[data-testid^="sweep-point-"]').count()).toBe(2)
    expect(await page.getByTestId('sweep-point-0').textContent()).toContain('threshold=0.5')
    expect(await page.getByTestId('sweep-point-0').getByTestId('point-test-acc').textContent()).toMatch(/%.*±.*%/)
    for (const metric of ['testAcc', 'plAccAll', 'maskRate']) {
      expect((await page.getByTestId(`chart-sweep-chart-${metric}`).getAttribute('data-legend'))?.split('\n')).toEqual([
        'threshold-0.5_seed-1',
        'threshold-0.5_seed-2',
        'threshold-0.95_seed-1',
        'threshold-0.95_seed-2'
      ])
    }
    expect(Number(await page.getByTestId('chart-sweep-chart-plAccAll').getAttribute('data-points'))).toBe(STEPS)
    await harness.screenshot('sweeps-compare')

    // sweep.json beside the sessions: 4 finished runs, each a session folder the app opens.
    const [summary] = (await harness.services.sweeps.list()).sweeps
    const manifest = await readSweepManifest(`${harness.services.sweeps.sweepsDir()}/${summary.id}`)
    expect(manifest.runs.map((r) => [r.name, r.state, r.config.steps, r.config.algorithm.threshold])).toEqual([
      ['threshold-0.5_seed-1', 'finished', STEPS, 0.5],
      ['threshold-0.5_seed-2', 'finished', STEPS, 0.5],
      ['threshold-0.95_seed-1', 'finished', STEPS, 0.95],
      ['threshold-0.95_seed-2', 'finished', STEPS, 0.95]
    ])

    await page.getByTestId('sweep-run-2').getByRole('button', { name: 'Open' }).click()
    await page.getByTestId('view-runs').waitFor()
    await expect.poll(async () => Number(await page.getByTestId('chart-placc').getAttribute('data-points')), { timeout: 20_000 }).toBe(STEPS)
  }, 420_000)

  it('lists a folder whose sweep.json cannot be read, with why, and never opens it', async () => {
    // As a half-copied folder from a colleague would look.
    const copied = join(harness.services.sweeps.sweepsDir(), 'copied-from-colleague')
    await mkdir(copied, { recursive: true })
    await writeFile(join(copied, 'sweep.json'), '{"spec": {"name": "tau"')
    await page.reload()
    await page.getByTestId('nav-sweeps').click()
    const unreadable = page.getByTestId('sweeps-unreadable')
    await expect.poll(() => unreadable.textContent(), { timeout: 10_000 }).toMatch(/copied-from-colleague · cannot be opened: .*copied-from-colleague\/sweep\.json is not valid JSON/)
    // The readable sweep is still listed and opens; the unreadable one has no button to open.
    expect(await page.locator('[data-testid^="sweep-item-"]').count()).toBe(1)
    expect(await unreadable.locator('button').count()).toBe(0)
    await harness.screenshot('sweeps-unreadable')
  }, 60_000)
})
