// The real renderer in Chromium, wired to the real handler table: it opens, every view is
// reachable from the navigation, and the status bar names the backend the probe found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PseudoscopeBridge } from '../../src/shared/contract'
import { autoBackend } from '../../src/shared/backend-auto'
import { startHarness, type Harness } from './harness'

type PageGlobal = { pseudoscope: PseudoscopeBridge; received?: unknown[] }

const VIEWS = ['datasets', 'experiments', 'runs', 'samples', 'sessions', 'settings'] as const

describe('app shell', () => {
  let harness: Harness

  beforeAll(async () => {
    harness = await startHarness()
  })
  afterAll(async () => {
    await harness?.close()
  })

  it('opens with the navigation and the status bar', async () => {
    const { page } = harness
    await expect.poll(() => page.title()).toBe('Pseudoscope')
    for (const view of VIEWS) await page.getByTestId(`nav-${view}`).waitFor({ state: 'visible' })
    await page.getByTestId('status-backend').waitFor({ state: 'visible' })
  })

  it('navigates to every view', async () => {
    const { page } = harness
    for (const view of VIEWS) {
      await page.getByTestId(`nav-${view}`).click()
      await page.getByTestId(`view-${view}`).waitFor({ state: 'visible' })
      for (const other of VIEWS.filter((v) => v !== view)) {
        expect(await page.getByTestId(`view-${other}`).isVisible()).toBe(false)
      }
      await harness.screenshot(`shell-${view}`)
    }
  })

  it('shows the backend the real probe reports', async () => {
    const probes = await harness.services.probeBackends()
    const best = autoBackend(probes)
    expect(best, 'the probe found no usable backend').toBeDefined()
    // No native TensorFlow here and at most a software GPU adapter (lavapipe), so auto takes wasm.
    const hardwareGpu = probes.some((probe) => probe.available && probe.adapter?.software === false)
    if (!hardwareGpu) expect(best?.name).toBe('wasm')
    const status = harness.page.getByTestId('status-backend')
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain(best?.name ?? '?')
    await harness.page.getByTestId('nav-datasets').click()
    await harness.screenshot('shell')
  })

  it('delivers service events to page listeners and answers bad calls as outcomes', async () => {
    const { page } = harness
    await page.evaluate(() => {
      const page = globalThis as unknown as PageGlobal
      page.received = []
      page.pseudoscope.on('sessions:changed', (payload) => page.received?.push(payload))
    })
    harness.services.events('sessions:changed', { sessionId: 'from-main' })
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as PageGlobal).received)).toEqual([{ sessionId: 'from-main' }])
    const outcome = await page.evaluate(() =>
      (globalThis as unknown as PageGlobal).pseudoscope.settings.set({ theme: 'purple' as 'dark' })
    )
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringMatching(/theme/) } })
  })
})
