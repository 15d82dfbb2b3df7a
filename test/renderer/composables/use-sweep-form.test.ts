// The sweep builder's Slurm options: saved as edited; an option main refuses (off the
// allow-list) shows its reason in the builder instead of vanishing.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { AppError } from '../../../src/shared/errors'
import { DEFAULT_SETTINGS } from '../../../src/shared/settings'
import { handlers, reset } from '../fake-api'
import { useSweepForm } from '../../../src/renderer/src/composables/use-sweep-form'
import { appState } from '../../../src/renderer/src/stores/app-store'

vi.mock('../../../src/renderer/src/api/client', () => import('../fake-api'))

afterEach(() => {
  reset()
  appState.settings = null
})

describe('useSweepForm, Slurm options', () => {
  it('keeps the refusal of an option off the allow-list until an edit is saved', async () => {
    const form = effectScope().run(() => useSweepForm())!
    const options = { ...DEFAULT_SETTINGS.sweepSlurm, extraArgs: ['--output=/tmp/x'] }
    handlers.set('settings:set', () => {
      throw new AppError('invalid-payload', 'settings:set: sweepSlurm.extraArgs.0: sbatch option --output writes the job output to a file of its choosing')
    })
    await form.setSlurm(options)
    expect(form.slurmError.value).toMatchObject({ code: 'invalid-payload', message: expect.stringContaining('--output writes') })
    expect(form.slurm.value).toEqual(options)

    handlers.set('settings:set', (patch) => ({ ...DEFAULT_SETTINGS, ...(patch as object) }))
    await form.setSlurm({ ...options, extraArgs: ['--mem=8G'] })
    expect(form.slurmError.value).toBeNull()
    expect(appState.settings?.sweepSlurm.extraArgs).toEqual(['--mem=8G'])
  })
})
