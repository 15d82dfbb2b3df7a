// The experiment form's state: presets, the checked draft (its messages in the app's
// language), and starting the run.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { PRESETS } from '../../../src/shared/config/presets'
import type { RunInfo } from '../../../src/shared/runs'
import { calls, handlers, reset } from '../fake-api'
import { useExperimentForm } from '../../../src/renderer/src/composables/use-experiment-form'
import { applyLocale } from '../../../src/renderer/src/i18n'
import { CONFIG_FIELDS } from '../../../src/renderer/src/lib/config-fields'
import { appState } from '../../../src/renderer/src/stores/app-store'
import { currentSessionId, currentView } from '../../../src/renderer/src/stores/navigation'

vi.mock('../../../src/renderer/src/api/client', () => import('../fake-api'))

const field = (path: string) => CONFIG_FIELDS.find((f) => f.path === path)!

afterEach(() => {
  reset()
  appState.settings = null
  appState.runs = []
  applyLocale('en')
})

describe('useExperimentForm', () => {
  it('opens on Quick MNIST with the default backend from Settings', async () => {
    handlers.set('experiments:presets', () => PRESETS)
    appState.settings = { backend: 'wasm' } as never
    const form = effectScope().run(() => useExperimentForm())!
    await form.load()
    expect(form.presetId.value).toBe('quick-mnist')
    expect(form.draft.value).toMatchObject({ backend: 'wasm', dataset: { id: 'mnist' } })
    expect(form.check.value.config).not.toBeNull()
  })

  it("puts a bad value's message on its field, in the app's language", async () => {
    handlers.set('experiments:presets', () => PRESETS)
    const form = effectScope().run(() => useExperimentForm())!
    await form.load()
    form.edit(field('steps'), 'abc')
    expect(form.check.value.config).toBeNull()
    const english = form.check.value.byField['steps']
    expect(english?.[0]).toMatch(/expected number/)
    applyLocale('ko')
    expect(form.check.value.byField['steps']?.[0]).toMatch(/잘못된 입력/)
  })

  it('starts the checked config and opens its dashboard', async () => {
    handlers.set('experiments:presets', () => PRESETS)
    handlers.set('runs:start', () => ({ runId: 'r1', sessionId: 's1', state: 'queued' }) as unknown as RunInfo)
    const form = effectScope().run(() => useExperimentForm())!
    await form.load()
    form.edit(field('steps'), '8')
    await form.start.run()
    expect(calls.find((c) => c.channel === 'runs:start')?.payload).toMatchObject({ config: { steps: 8 } })
    expect([currentSessionId.value, currentView.value]).toEqual(['s1', 'runs'])
    expect(appState.runs.map((r) => r.runId)).toEqual(['r1'])
  })
})
