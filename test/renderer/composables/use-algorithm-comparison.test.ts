// The comparison preset from the experiment form: one sweep through sweeps:submit (every
// algorithm × N training seeds on the form's split, the data folder left to main), then the
// Sweeps view on it; a seed count out of range submits nothing.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { COMPARISON_ALGORITHMS } from '../../../src/shared/config/algorithm-variants'
import { PRESETS } from '../../../src/shared/config/presets'
import type { SweepSummary } from '../../../src/shared/sweep-view'
import { calls, handlers, reset } from '../fake-api'
import { useExperimentForm } from '../../../src/renderer/src/composables/use-experiment-form'
import { comparisonSweepName } from '../../../src/renderer/src/composables/use-algorithm-comparison'
import { CONFIG_FIELDS } from '../../../src/renderer/src/lib/config-fields'
import { currentView, go } from '../../../src/renderer/src/stores/navigation'
import { sweepsState } from '../../../src/renderer/src/stores/sweeps-store'

vi.mock('../../../src/renderer/src/api/client', () => import('../fake-api'))

const field = (path: string) => CONFIG_FIELDS.find((f) => f.path === path)!
const summary: SweepSummary = { id: 'my-cmp-1', name: 'my-cmp', executor: 'local', runs: 14, states: { queued: 14 }, createdAt: 1, updatedAt: 1, readOnly: null }

afterEach(() => {
  reset()
  go('datasets')
})

async function comparisonForm() {
  handlers.set('experiments:presets', () => PRESETS)
  handlers.set('sweeps:submit', () => summary)
  handlers.set('sweeps:list', () => ({ sweeps: [summary], unreadable: [] }))
  handlers.set('sweeps:get', () => ({ summary, manifest: { spec: { name: 'my-cmp' }, runs: [] }, results: [], curves: [], followedBy: null }))
  const form = effectScope().run(() => useExperimentForm())!
  await form.load()
  form.applyPreset(PRESETS.find((p) => p.id === 'algorithm-comparison-quick-mnist'))
  return form
}

describe('the algorithm comparison from the experiment form', () => {
  it('submits one sweep of every algorithm on N seeds of one split and shows it in the Sweeps view', async () => {
    const form = await comparisonForm()
    expect(form.seeds.value).toBe(3)
    form.seeds.value = 2
    form.edit(field('seed'), '5')
    form.edit(field('name'), 'my cmp!')
    await form.start.run()
    expect(form.start.error.value).toBeNull()
    expect(calls.filter((c) => c.channel === 'runs:start')).toEqual([])
    const submits = calls.filter((c) => c.channel === 'sweeps:submit')
    expect(submits).toHaveLength(1)
    const request = submits[0].payload as { name: string; grid: unknown; algorithms: string[]; executor: string; config: { dataset: object; split: object; seed: number } }
    expect(request).toMatchObject({ name: 'my-cmp', grid: { seed: [5, 6] }, algorithms: [...COMPARISON_ALGORITHMS], executor: 'local' })
    expect(request.config.dataset).toEqual({ id: 'mnist' })
    expect(request.config.split).toEqual(PRESETS.find((p) => p.id === 'algorithm-comparison-quick-mnist')?.config.split)
    expect(currentView.value).toBe('sweeps')
    expect(sweepsState.selectedId).toBe('my-cmp-1')
  })

  it('submits nothing for a seed count out of range', async () => {
    const form = await comparisonForm()
    for (const bad of [0, 11, 1.5]) {
      form.seeds.value = bad
      expect(form.seedsOk.value).toBe(false)
      await form.start.run()
    }
    expect(calls.filter((c) => c.channel === 'sweeps:submit' || c.channel === 'runs:start')).toEqual([])
  })

  it('names the sweep from the run’s name, within what a sweep name may hold', () => {
    const base = PRESETS[0].config
    expect(comparisonSweepName({ ...base, name: '  Quick MNIST · 알고리즘 ' })).toBe('Quick-MNIST')
    expect(comparisonSweepName({ ...base, name: '' })).toBe(base.dataset.id)
    expect(comparisonSweepName({ ...base, name: '···' })).toBe('algorithm-comparison')
    expect(comparisonSweepName({ ...base, name: 'x'.repeat(100) })).toHaveLength(80)
  })
})
