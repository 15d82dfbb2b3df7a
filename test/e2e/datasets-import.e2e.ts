// Adding CIFAR-10 the way a user does: Datasets, pick a folder (the harness answers the
// native dialog), see a damaged copy refused with the file named, then a good one imported.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeCifar, writeFolder } from '../node/data/cifar-fixtures'
import { startHarness, type Harness } from './harness'

describe('importing CIFAR-10 in the Datasets view', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pseudoscope-cifar-e2e-'))
  const fixture = makeCifar('cifar10', 3, 7)
  const truncated = { ...fixture.files, 'data_batch_3.bin': fixture.files['data_batch_3.bin'].subarray(0, 3073 * 2 + 100) }
  const damagedFolder = writeFolder(join(dataDir, 'damaged'), fixture, truncated)
  const goodFolder = writeFolder(join(dataDir, 'good'), fixture)
  let answer = damagedFolder
  let harness: Harness

  beforeAll(async () => {
    harness = await startHarness({ pickPath: () => answer })
  })
  afterAll(async () => {
    await harness?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('refuses a damaged copy naming the file, then imports a good one with its samples', async () => {
    const { page } = harness
    await page.getByTestId('nav-datasets').click()
    await page.getByTestId('dataset-cifar10').click()
    await page.getByTestId('dataset-import').click()
    const alert = page.getByTestId('dataset-detail-cifar10').getByRole('alert')
    await alert.waitFor({ state: 'visible' })
    expect(await alert.getByTestId('error-line').getAttribute('data-code')).toBe('dataset-corrupt')
    expect(await alert.textContent()).toMatch(/^Dataset corrupt data_batch_3\.bin: 6,246 bytes is not a multiple of 3,073-byte records/)
    expect(await page.getByTestId('dataset-cifar10').textContent()).toContain('missing')

    answer = goodFolder
    await page.getByTestId('dataset-import').click()
    await expect.poll(() => page.getByTestId('dataset-cifar10').textContent(), { timeout: 30_000 }).toContain('ready')
    const trainSize = fixture.train.labels.length
    await expect.poll(() => page.getByTestId('dataset-train-size').textContent()).toBe(String(trainSize))
    expect(await page.getByTestId('dataset-detail-cifar10').textContent()).toContain('class_0')
    // The sample grid's atlas comes from the image service over the imported data.
    const tile = page.getByTestId('dataset-sample-grid').locator('.img').first()
    await tile.waitFor({ state: 'visible' })
    const background = await tile.evaluate((el) => (el as unknown as { style: { backgroundImage: string } }).style.backgroundImage)
    const url = /url\("?'?([^"')]+)/.exec(background)?.[1]
    expect(url).toMatch(/atlas\/cifar10\/train\.png\?indices=/)
    const response = await page.request.get(new URL(url!, harness.origin).toString())
    expect(response.status(), `${url}: ${await response.text()}`).toBe(200)
    expect(response.headers()['content-type']).toBe('image/png')
    await harness.screenshot('datasets-cifar10-imported')
  })
})
