// sessions:open-study through the real handler table: a headless study written by
// `npm run experiment -- --ablation-study` (tiny MNIST runs) opens in the app as one study,
// the same summary the CLI's reader gives; the folder is main's dialog answer, read as
// untrusted input: no plan, a FIFO or symlink as the plan, and a symlinked run are refused or
// left out without hanging; a cancelled dialog changes nothing.
import { execFileSync } from 'node:child_process'
import { mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlerTable } from '../../../src/main/handlers'
import { dispatch } from '../../../src/main/ipc/handle'
import type { HandlerTable } from '../../../src/main/ipc/handler-types'
import { readAblationStudy } from '../../../src/node/study/ablation-study-read'
import type { IpcResult } from '../../../src/shared/contract'
import type { StudyFolder } from '../../../src/shared/study-folder'
import { runCli } from '../../cli/cli-process'
import { tempServices, type TempServices } from '../helpers/temp-services'

describe('sessions:open-study', () => {
  let work: string
  let study: string
  let answer: string | null = null
  let temp: TempServices
  let table: HandlerTable
  const open = async (): Promise<IpcResult<StudyFolder | null>> => (await dispatch(table, 'sessions:open-study', {})) as IpcResult<StudyFolder | null>

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'pseudoscope-open-study-'))
    study = join(work, 'study')
    const config = join(work, 'tiny.json')
    writeFileSync(config, JSON.stringify({ batch: { labeled: 4, mu: 1 }, algorithm: { threshold: 0.5 }, evalInterval: 2, sweepInterval: 0 }))
    const r = await runCli(['--preset', 'quick-mnist', '--labels-per-class', '2', '--backend', 'wasm', '--config', config, '--steps', '2', '--ablation-study', '--seeds', '2', '--out', study])
    expect(r.code, r.stderr).toBe(0)
    temp = tempServices(() => answer)
    table = createHandlerTable(temp.services)
  }, 240_000)
  afterAll(async () => {
    await temp?.dispose()
  })

  it('reads the folder main was given as one study: the summary the CLI prints, its runs and seeds', async () => {
    answer = study
    const result = await open()
    if (!result.ok) throw new Error(result.error.message)
    const opened = result.value as StudyFolder
    const { summary } = await readAblationStudy(study)
    expect(opened).toMatchObject({ name: 'study', runs: 6, measured: 6, seeds: [1, 2], datasetId: 'mnist' })
    expect(opened.summary).toEqual(JSON.parse(JSON.stringify(summary)))
    expect(opened.summary.modes.map((m) => m.mode)).toEqual(['none', 'oracle-mask', 'oracle-correct'])
    expect(opened.summary.costs.find((c) => c.mode === 'oracle-mask')?.final?.seeds).toBe(2)
    expect(temp.picks.at(-1)).toMatchObject({ directory: true })
  })

  it('answers null when the dialog is cancelled', async () => {
    answer = null
    expect(await open()).toEqual({ ok: true, value: null })
  })

  it('refuses a folder with no plan, and a FIFO or a symlink as the plan, without waiting', async () => {
    answer = join(work, 'empty')
    mkdirSync(answer)
    expect(await open()).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringMatching(/holds no ablation study/) } })

    const fifo = join(work, 'fifo-plan')
    mkdirSync(fifo)
    execFileSync('mkfifo', [join(fifo, 'ablation-study.json')])
    answer = fifo
    expect(await open()).toMatchObject({ ok: false, error: { code: 'session-corrupt' } })

    const linked = join(work, 'linked-plan')
    mkdirSync(linked)
    symlinkSync(join(study, 'ablation-study.json'), join(linked, 'ablation-study.json'))
    answer = linked
    expect(await open()).toMatchObject({ ok: false, error: { code: 'session-corrupt' } })
  })

  it('leaves out a run whose folder is a symlink, and counts it', async () => {
    const moved = join(work, 'elsewhere')
    renameSync(join(study, 'oracle-mask', 'seed-2'), moved)
    symlinkSync(moved, join(study, 'oracle-mask', 'seed-2'))
    answer = study
    const result = await open()
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value).toMatchObject({ runs: 6, measured: 5 })
  })
})
