// "What do wrong pseudo-labels cost?" from the experiment form: one sweep through sweeps:submit
// (none, oracle-mask and oracle-correct × N training seeds on the form's split, the data folder
// left to main; this machine or Slurm), then the Sweeps view on it; the paper preset's study over its first epoch; a
// bound or a seed count out of range submits nothing, and the Sweeps payload parses in main.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { ABLATION_STUDY_MODES } from '../../../src/shared/config/ablation'
import { PRESETS } from '../../../src/shared/config/presets'
import { expandSweep, parseSweepSpec } from '../../../src/shared/sweep-spec'
import { SweepSubmitSchema, type SweepSummary } from '../../../src/shared/sweep-view'
import { calls, handlers, reset } from '../fake-api'
import { useAblationStudy } from '../../../src/renderer/src/composables/use-ablation-study'
import { useExperimentForm } from '../../../src/renderer/src/composables/use-experiment-form'
import { CONFIG_FIELDS } from '../../../src/renderer/src/lib/config-fields'
import { currentView, go } from '../../../src/renderer/src/stores/navigation'
import { sweepsState } from '../../../src/renderer/src/stores/sweeps-store'

vi.mock('../../../src/renderer/src/api/client', () => import('../fake-api'))

const field = (path: string) => CONFIG_FIELDS.find((f) => f.path === path)!
const summary: SweepSummary = { id: 'cost-1', name: 'cost', executor: 'local', runs: 6, states: { queued: 6 }, createdAt: 1, updatedAt: 1, readOnly: null }

afterEach(() => {
  reset()
  go('datasets')
})

async function studyForm() {
  handlers.set('experiments:presets', () => PRESETS)
  handlers.set('sweeps:submit', () => summary)
  handlers.set('sweeps:list', () => ({ sweeps: [summary], unreadable: [] }))
  handlers.set('sweeps:get', () => ({ summary, manifest: { spec: { name: 'cost' }, runs: [] }, results: [], curves: [], followedBy: null }))
  return effectScope().run(() => {
    const form = useExperimentForm()
    return { form, study: useAblationStudy(() => form.check.value.config, form.presetId) }
  })!
}

const submitted = () => calls.filter((c) => c.channel === 'sweeps:submit').map((c) => c.payload as { name: string; grid: { seed: number[] }; ablations: string[]; executor: string; config: Record<string, unknown> & { steps: number; dataset: object; split: object } })

describe('the ablation study from the experiment form', () => {
  it('submits one sweep of the three modes on N seeds of the form’s split and shows it in the Sweeps view', async () => {
    const { form, study } = await studyForm()
    await form.load()
    form.applyPreset(PRESETS.find((p) => p.id === 'quick-mnist'))
    expect(study.seeds.value).toBe(3)
    expect(study.firstEpoch.value).toBeNull()
    study.seeds.value = 2
    form.edit(field('seed'), '7')
    form.edit(field('name'), 'my run')
    await study.start.run()
    expect(study.start.error.value).toBeNull()
    const [request] = submitted()
    expect(request).toMatchObject({ name: 'my-run-ablation', grid: { seed: [7, 8] }, ablations: [...ABLATION_STUDY_MODES], executor: 'local' })
    expect(request.config.dataset).toEqual({ id: 'mnist' })
    expect(request.config.split).toEqual(PRESETS.find((p) => p.id === 'quick-mnist')?.config.split)
    expect(currentView.value).toBe('sweeps')
    expect(sweepsState.selectedId).toBe('cost-1')
    // What main does with it: six runs, the oracles named so.
    const parsed = SweepSubmitSchema.parse(request)
    const runs = expandSweep(parseSweepSpec({ name: parsed.name, config: parsed.config, grid: parsed.grid, ablations: parsed.ablations }))
    expect(runs.map((r) => r.name)).toEqual(['seed-7_none', 'seed-7_oracle-mask', 'seed-7_oracle-correct', 'seed-8_none', 'seed-8_oracle-mask', 'seed-8_oracle-correct'])
  })

  it('runs the FixMatch CIFAR-10 paper preset’s study over its first 1,024 steps', async () => {
    const { form, study } = await studyForm()
    await form.load()
    form.applyPreset(PRESETS.find((p) => p.id === 'fixmatch-paper-cifar10-4000'))
    expect(study.firstEpoch.value).toBe(1024)
    study.executor.value = 'slurm'
    await study.start.run()
    study.executor.value = 'local'
    const [request] = submitted()
    expect(request.executor).toBe('slurm')
    expect(request.config).toMatchObject({ steps: 1024, evalInterval: 64, checkpointInterval: 64, schedule: { name: 'constant' } })
  })

  it('submits nothing for a bound or a seed count out of range', async () => {
    const { form, study } = await studyForm()
    await form.load()
    form.applyPreset(PRESETS.find((p) => p.id === 'quick-mnist'))
    for (const bad of [0, 11, 1.5]) {
      study.seeds.value = bad
      expect(study.seedsOk.value).toBe(false)
      await study.start.run()
    }
    study.seeds.value = 3
    form.edit(field('algorithm.name'), 'supervised')
    expect(study.refusal.value).toMatch(/needs pseudo-labels/)
    await study.start.run()
    expect(submitted()).toEqual([])
  })
})
