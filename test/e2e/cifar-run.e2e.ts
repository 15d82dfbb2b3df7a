// The app runs what the user imported, end to end: CIFAR-10 imported in the Datasets view
// (the harness answers main's folder dialog), a short CIFAR run started from the Experiments
// view with no data folder anywhere in the form, watched to the end, and its pseudo-labelled
// 32x32 colour images browsed in the Samples view. Screenshots go to test-results/.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeCifar, writeFolder } from '../node/data/cifar-fixtures'
import { decodePng } from '../node/data/png-decode'
import { findAddon } from '../../src/engine/backend/onednn'
import { startHarness, type Harness } from './harness'

const STEPS = 4

async function fill(page: Page, path: string, value: string): Promise<void> {
  await page.getByTestId(`cfg-${path.replace(/\./g, '-')}`).fill(value)
}

describe('a CIFAR-10 run from the imported copy', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pseudoscope-cifar-run-e2e-'))
  const folder = writeFolder(dataDir, makeCifar('cifar10', 40, 7))
  let harness: Harness
  let page: Page

  beforeAll(async () => {
    harness = await startHarness({ pickPath: () => folder })
    page = harness.page
    await page.setViewportSize({ width: 1400, height: 900 })
  })
  afterAll(async () => {
    await harness?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('imports CIFAR-10, trains on it with the data folder left to main, and browses its colour samples', async () => {
    await page.getByTestId('nav-datasets').click()
    await page.getByTestId('dataset-cifar10').click()
    await page.getByTestId('dataset-import').click()
    await expect.poll(() => page.getByTestId('dataset-cifar10').textContent(), { timeout: 30_000 }).toContain('ready')

    await page.getByTestId('nav-experiments').click()
    await page.getByTestId('preset-select').selectOption('quick-mnist')
    await page.getByTestId('cfg-dataset-id').selectOption('cifar10')
    expect(await page.getByTestId('cfg-dataset-dataDir').count()).toBe(0)
    await fill(page, 'name', 'e2e cifar import')
    await fill(page, 'steps', String(STEPS))
    await fill(page, 'evalInterval', '2')
    await fill(page, 'sweepInterval', '2')
    await fill(page, 'checkpointInterval', '0')
    await fill(page, 'batch.labeled', '4')
    await fill(page, 'batch.mu', '1')
    await fill(page, 'split.labelsPerClass', '2')
    await harness.screenshot('cifar-run-experiments')
    await page.getByTestId('start-run').click()

    await page.getByTestId('view-runs').waitFor()
    await expect.poll(() => page.getByTestId('run-state').textContent(), { timeout: 180_000, interval: 500 }).toBe('finished')
    await expect.poll(async () => Number(await page.getByTestId('chart-placc').getAttribute('data-points')), { timeout: 10_000 }).toBe(STEPS)
    // The worker trains with its convolutions on oneDNN where the addon is built (CI builds it).
    if (findAddon() !== null || process.env.CI === 'true') {
      expect(await page.getByTestId('run-backend').textContent()).toMatch(/^wasm \(wasm-simd, \d+ threads?, convolutions on oneDNN \d+\.\d+\.\d+\)$/)
    }
    await harness.screenshot('cifar-run-finished')

    await page.getByTestId('nav-samples').click()
    const tile = page.getByTestId('sample-tile').first()
    await tile.waitFor({ timeout: 30_000 })
    const captions = await page.getByTestId('sample-tile').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('aria-label') ?? ''))
    expect(captions.some((c) => /^pseudo-label class_\d, true label class_\d/.test(c))).toBe(true)
    await harness.screenshot('cifar-run-samples')

    // The tiles' pixels: 32x32 colour crops of the imported images, served by the image scheme.
    const background = await tile.locator('.img').evaluate((el) => (el as unknown as { style: { backgroundImage: string } }).style.backgroundImage)
    const url = /url\("?'?([^"')]+)/.exec(background)?.[1]
    expect(url).toMatch(/cifar10/)
    const response = await page.request.get(new URL(url!, harness.origin).toString())
    expect(response.status()).toBe(200)
    const png = decodePng(new Uint8Array(await response.body()))
    expect(png.channels).toBe(3)
    expect(png.width % 32).toBe(0)
    expect(png.height % 32).toBe(0)
    let coloured = 0
    for (let i = 0; i < png.pixels.length; i += 3) if (png.pixels[i] !== png.pixels[i + 1] || png.pixels[i + 1] !== png.pixels[i + 2]) coloured++
    expect(coloured).toBeGreaterThan(png.pixels.length / 3 / 2)
  }, 300_000)

  // The Korean pages of the docs walk the same run; their screenshots come from here.
  it('shows the same run, its form and its samples in Korean', async () => {
    const nav = page.getByTestId('nav-datasets').locator('.label')
    await page.getByTestId('nav-settings').click()
    await page.getByTestId('settings-locale').selectOption('ko')
    await expect.poll(async () => (await nav.textContent())?.trim()).toBe('데이터셋')
    await page.getByTestId('nav-experiments').click()
    expect(await page.getByTestId('cfg-dataset-id').inputValue()).toBe('cifar10')
    await harness.screenshot('cifar-run-experiments-ko')
    await page.getByTestId('nav-runs').click()
    await expect.poll(() => page.getByTestId('run-state').getAttribute('data-state')).toBe('finished')
    await expect.poll(async () => Number(await page.getByTestId('chart-placc').getAttribute('data-points')), { timeout: 10_000 }).toBe(STEPS)
    await page.waitForTimeout(1500)
    await harness.screenshot('cifar-run-finished-ko')
    await page.getByTestId('nav-samples').click()
    await page.getByTestId('sample-tile').first().waitFor({ timeout: 30_000 })
    const captions = await page.getByTestId('sample-tile').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('aria-label') ?? ''))
    expect(captions.some((c) => /^의사 레이블 class_\d, 정답 class_\d/.test(c))).toBe(true)
    await harness.screenshot('cifar-run-samples-ko')
    await page.getByTestId('nav-settings').click()
    await page.getByTestId('settings-locale').selectOption('system')
    await expect.poll(async () => (await nav.textContent())?.trim()).toBe('Datasets')
  }, 120_000)
})
