// "What do wrong pseudo-labels cost?" through the real renderer, services and training workers:
// Quick MNIST at 2 training seeds and tiny runs submits one sweep of none, oracle-mask and
// oracle-correct (3 × 2 runs, this machine's run queue); the Sweeps view shows the study: the
// cost chart (the paired cost and the none run's confident-wrong count), each mode's bands, the
// per-class cost beside the confusion of the wrong ones, the table and the words. Oracle runs
// are tagged in the dashboard, the session list and the compare legend. In English and Korean.
// Screenshots: test-results/ablation-*.png.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { runCli } from '../cli/cli-process'
import { readSweepManifest } from '../../src/node/sweep/sweep-folder'
import { ablationOf } from '../../src/shared/config/ablation'
import { startHarness, type Harness } from './harness'

const STEPS = 4
const SEEDS = 2
const MODES = ['none', 'oracle-mask', 'oracle-correct']
const RUNS = MODES.length * SEEDS

async function fill(page: Page, path: string, value: string): Promise<void> {
  await page.getByTestId(`cfg-${path.replace(/\./g, '-')}`).fill(value)
}

async function openRun(page: Page, name: string): Promise<void> {
  await page.getByTestId('nav-sweeps').click()
  await page.getByTestId('sweep-runs').locator('tr', { hasText: name }).first().getByRole('button', { name: /^(Open|열기)$/ }).click()
  await page.getByTestId('view-runs').waitFor()
}

describe('oracle ablation study', () => {
  let harness: Harness
  let page: Page
  // A study run headless (npm run experiment -- --ablation-study), opened from the Sessions view.
  const work = mkdtempSync(join(tmpdir(), 'pseudoscope-ablation-e2e-'))
  const headless = join(work, 'headless-study')

  beforeAll(async () => {
    harness = await startHarness({ locale: 'en-US', pickPath: () => headless })
    page = harness.page
    await page.setViewportSize({ width: 1400, height: 2300 })
    harness.services.settings.set({ maxConcurrentRuns: 2 })
  })
  afterAll(async () => {
    await harness?.close()
    rmSync(work, { recursive: true, force: true })
  })

  it('runs none, oracle-mask and oracle-correct on two seeds as one sweep and shows what the wrong pseudo-labels cost', async () => {
    await page.getByTestId('nav-experiments').click()
    await page.getByTestId('preset-select').selectOption('quick-mnist')
    expect(await page.getByTestId('ablation-seeds').inputValue()).toBe('3')
    await page.getByTestId('ablation-seeds').fill(String(SEEDS))
    await fill(page, 'steps', String(STEPS))
    await fill(page, 'evalInterval', '2')
    await fill(page, 'sweepInterval', String(STEPS))
    await fill(page, 'checkpointInterval', '2')
    await fill(page, 'batch.labeled', '4')
    await fill(page, 'batch.mu', '2')
    await fill(page, 'split.labelsPerClass', '2')
    // A low threshold lets wrong pseudo-labels pass in runs this short: something for the oracles to edit.
    await fill(page, 'algorithm.threshold', '0.15')
    await fill(page, 'name', 'e2e cost')
    await expect.poll(() => page.getByTestId('ablation-study-action').textContent()).toContain(`${RUNS} runs`)
    expect(await page.getByTestId('ablation-study-start').textContent()).toContain('What do wrong pseudo-labels cost?')
    await harness.screenshot('ablation-experiments')
    await page.getByTestId('ablation-study-start').click()

    await page.getByTestId('view-sweeps').waitFor()
    await page.getByTestId('ablation-study').waitFor({ timeout: 60_000 })
    await expect.poll(() => page.locator('[data-testid^="sweep-run-"][data-state]').count(), { timeout: 60_000 }).toBe(RUNS)
    await expect.poll(() => page.locator('[data-testid^="sweep-run-"][data-state="finished"]').count(), { timeout: 400_000, interval: 2000 }).toBe(RUNS)
    await expect.poll(() => page.getByTestId('ablation-progress').count(), { timeout: 30_000 }).toBe(0)
    expect(await page.getByTestId('sweep-eta').count()).toBe(0)

    // The cost chart: the paired cost, the none run's confident-wrong count and its per-batch plAccAll.
    const cost = page.getByTestId('ablation-cost')
    await expect.poll(async () => (await cost.getAttribute('data-legend'))?.split('\n'), { timeout: 30_000 }).toEqual(['Cost of wrong pseudo-labels (points)', 'Confident-wrong pseudo-labels (none)', 'Pseudo-label accuracy per batch, plAccAll (none)'])
    expect(await cost.getAttribute('data-points')).toBe(String(STEPS / 2))
    await cost.locator('canvas').first().waitFor({ timeout: 30_000 })
    const bands = page.getByTestId('ablation-bands')
    expect((await bands.getAttribute('data-legend'))?.split('\n')).toEqual(['none (as configured)', 'oracle-mask (oracle)', 'oracle-correct (oracle)'])
    expect(await bands.getAttribute('data-points')).toBe(String(STEPS / 2))
    // The confusion of the none runs' wrong pseudo-labels at their last sweep, as main reads it: drawn, or said to be empty.
    const [listed] = (await harness.services.sweeps.list()).sweeps
    const study = await harness.services.sweeps.ablation(listed.id)
    const wrong = study.summary.confidentWrongConfusion?.flat().reduce((a, b) => a + b, 0) ?? 0
    if (wrong > 0) await page.getByTestId('ablation-confusion').locator('canvas').first().waitFor({ timeout: 30_000 })
    else expect(await page.getByTestId('ablation-confusion').textContent()).toContain('No wrong pseudo-label passed at that sweep.')
    // The table: one row per mode, both seeds counted, the oracles tagged, their difference from none with its interval.
    const rows = page.getByTestId('ablation-row')
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-mode')))).toEqual(MODES)
    for (let i = 0; i < MODES.length; i++) {
      expect(await rows.nth(i).locator('td').nth(1).textContent()).toBe(String(SEEDS))
      expect(await rows.nth(i).getByTestId('oracle-tag').count()).toBe(i === 0 ? 0 : 1)
    }
    expect(await rows.nth(1).getByTestId('ablation-row-cost').textContent()).toMatch(/^[+−]\d+\.\d\d \[[+−]\d+\.\d\d, [+−]\d+\.\d\d\]$/)
    const verdict = (await page.getByTestId('ablation-verdict').textContent()) ?? ''
    expect(verdict).toContain('Measured: the same runs on 2 training seeds')
    expect(verdict).toMatch(/At step 4, dropping the wrong pseudo-labels (raises|changes) accuracy by [+−]\d+\.\d\d points/)
    await page.getByTestId('ablation-study').scrollIntoViewIfNeeded()
    await harness.screenshot('ablation-study')

    // sweep.json: one split, each seed runs every mode, the oracles named so.
    const [summary] = (await harness.services.sweeps.list()).sweeps
    const manifest = await readSweepManifest(`${harness.services.sweeps.sweepsDir()}/${summary.id}`)
    expect(manifest.spec.ablations).toEqual(MODES)
    expect(new Set(manifest.runs.map((r) => JSON.stringify(r.config.split))).size).toBe(1)
    expect(manifest.runs.map((r) => ablationOf(r.config).mode)).toEqual([...MODES, ...MODES])
    expect(manifest.runs.map((r) => /oracle/.test(r.config.name))).toEqual([false, true, true, false, true, true])
  }, 600_000)

  it('tags the oracle runs in the dashboard, the session list and the compare legend', async () => {
    await openRun(page, 'oracle-mask')
    await page.locator('.view-header h1').getByTestId('oracle-tag').waitFor({ timeout: 30_000 })
    await harness.screenshot('ablation-dashboard')
    await openRun(page, '_none')
    expect(await page.locator('.view-header h1').getByTestId('oracle-tag').count()).toBe(0)
    await page.getByTestId('nav-sessions').click()
    const rows = page.getByTestId('session-row')
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(2)
    const oracle = rows.filter({ has: page.getByTestId('oracle-tag') })
    expect(await oracle.count()).toBe(1)
    expect(await oracle.getByTestId('oracle-tag').textContent()).toBe('oracle')
    await rows.nth(0).getByTestId('session-compare-pick').check()
    await rows.nth(1).getByTestId('session-compare-pick').check()
    const compare = page.getByTestId('chart-compare')
    await expect.poll(async () => (await compare.getAttribute('data-legend'))?.split('\n').filter((n) => n.includes('oracle')).length, { timeout: 30_000 }).toBe(1)
    await harness.screenshot('ablation-sessions')
  }, 120_000)

  it('shows the study, the tags and the action in Korean', async () => {
    const nav = page.getByTestId('nav-datasets').locator('.label')
    await page.getByTestId('nav-settings').click()
    await page.getByTestId('settings-locale').selectOption('ko')
    await expect.poll(async () => (await nav.textContent())?.trim()).toBe('데이터셋')
    await page.getByTestId('nav-sessions').click()
    await expect.poll(() => page.getByTestId('oracle-tag').first().textContent()).toBe('오라클')
    const compare = page.getByTestId('chart-compare')
    await expect.poll(async () => (await compare.getAttribute('data-legend'))?.split('\n').filter((n) => n.includes('(오라클)')).length, { timeout: 30_000 }).toBe(1)
    await harness.screenshot('ablation-sessions-ko')
    await page.getByTestId('nav-sweeps').click()
    const study = page.getByTestId('ablation-study')
    await study.waitFor({ timeout: 30_000 })
    await expect.poll(() => study.locator('h3').textContent()).toBe('잘못된 의사 레이블은 얼마나 손해일까?')
    await expect.poll(async () => (await page.getByTestId('ablation-cost').getAttribute('data-legend'))?.split('\n')).toEqual(['잘못된 의사 레이블의 비용 (%p)', '통과한 잘못된 의사 레이블 (none)', '배치별 의사 레이블 정확도, plAccAll (none)'])
    expect(await page.getByTestId('ablation-verdict').textContent()).toContain('측정한 것: 학습 시드 2개에서')
    await page.waitForTimeout(1000)
    await study.scrollIntoViewIfNeeded()
    await harness.screenshot('ablation-study-ko')
    await page.getByTestId('nav-experiments').click()
    expect(await page.getByTestId('ablation-study-start').textContent()).toContain('잘못된 의사 레이블은 얼마나 손해일까?')
    await harness.screenshot('ablation-experiments-ko')
    await page.getByTestId('nav-settings').click()
    await page.getByTestId('settings-locale').selectOption('system')
    await expect.poll(async () => (await nav.textContent())?.trim()).toBe('Datasets')
  }, 120_000)
  it('opens a study run headless as one study in the Sessions view', async () => {
    const config = join(work, 'tiny.json')
    writeFileSync(config, JSON.stringify({ batch: { labeled: 4, mu: 1 }, algorithm: { threshold: 0.15 }, evalInterval: 2, sweepInterval: 0 }))
    const cli = await runCli(['--preset', 'quick-mnist', '--labels-per-class', '2', '--backend', 'wasm', '--config', config, '--steps', '2', '--ablation-study', '--seeds', '2', '--out', headless])
    expect(cli.code, cli.stderr).toBe(0)
    await page.getByTestId('nav-sessions').click()
    await page.getByTestId('study-open').click()
    const folder = page.getByTestId('study-folder')
    await folder.waitFor({ timeout: 30_000 })
    expect(await folder.getByTestId('ablation-study-folder').textContent()).toContain('headless-study')
    await expect
      .poll(async () => (await folder.getByTestId('ablation-cost').getAttribute('data-legend'))?.split('\n'), { timeout: 30_000 })
      .toEqual(['Cost of wrong pseudo-labels (points)', 'Confident-wrong pseudo-labels (none)', 'Pseudo-label accuracy per batch, plAccAll (none)'])
    expect(await folder.getByTestId('ablation-cost').getAttribute('data-points')).toBe('1')
    expect(await folder.getByTestId('ablation-verdict').textContent()).toContain('2 training seeds')
    await page.waitForTimeout(1000)
    await harness.screenshot('ablation-study-folder')
    await folder.getByTestId('study-close').click()
    await expect.poll(() => page.getByTestId('study-folder').count()).toBe(0)
  }, 180_000)
})
