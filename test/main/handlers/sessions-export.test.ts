// CSV export writes only where the user picked in main's save dialog: a renderer-named
// path is refused before any handler runs.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlerTable } from '../../../src/main/handlers'
import { dispatch } from '../../../src/main/ipc/handle'
import { SessionWriter } from '../../../src/node/session/session-writer'
import { presetConfig } from '../../../src/shared/config/presets'
import { tempServices, type TempServices } from '../helpers/temp-services'

describe('sessions:export-csv', () => {
  let temp: TempServices
  let csvPath: string

  beforeAll(async () => {
    csvPath = join(mkdtempSync(join(tmpdir(), 'pseudoscope-export-')), 'picked.csv')
    temp = tempServices(csvPath)
    const writer = await SessionWriter.create(join(temp.services.sessionsDir(), 'exported'), {
      name: 'exported',
      config: presetConfig('quick-mnist'),
      versions: {}
    })
    const base = { segment: 0, lr: 0.03, lossX: 1, lossU: 0, loss: 1, maskRate: 0, plAccMasked: null, confidentWrong: 0 }
    const counts = { maskedCount: 0, unlabeledBatch: 4, meanConfidence: 0.5, stepMs: 10, classPseudo: [], classTrue: [], classCorrect: [] }
    writer.appendMetrics([1, 2].map((step) => ({ step, time: 1000 + step, plAccAll: step / 4, ...base, ...counts })))
    await writer.flush()
  })
  afterAll(async () => {
    await temp.dispose()
    rmSync(dirname(csvPath), { recursive: true, force: true })
  })

  it('asks the save dialog and writes the metrics there', async () => {
    const table = createHandlerTable(temp.services)
    const result = await dispatch(table, 'sessions:export-csv', { sessionId: 'exported' })
    expect(result).toEqual({ ok: true, value: { path: csvPath } })
    expect(temp.picks).toEqual([{ title: 'Export metrics as CSV', directory: false }])
    expect(readFileSync(csvPath, 'utf8').trim().split(/\r?\n/)).toHaveLength(3)
  })

  it('refuses a path named by the renderer, writing nothing', async () => {
    const table = createHandlerTable(temp.services)
    const elsewhere = join(temp.dir, 'not-picked.csv')
    const result = await dispatch(table, 'sessions:export-csv', { sessionId: 'exported', path: elsewhere })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('invalid-payload')
    expect(existsSync(elsewhere)).toBe(false)
  })
})
