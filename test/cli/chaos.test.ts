// 20 SIGKILLs at random moments of real CLI runs, each resumed (chaos-run.ts); every
// session must end as the uninterrupted run did. `npm run bench -- chaos` does 200.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { chaos } from './chaos-run'

const root = mkdtempSync(join(tmpdir(), 'pseudoscope-chaos-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('chaos: kill -9 during training and checkpointing', () => {
  it('survives 20 kills: contiguous metrics and the uninterrupted run weights, byte for byte', async () => {
    const lines: string[] = []
    const report = await chaos(root, 20, 16, (line) => lines.push(line))
    expect(report.failures).toEqual([])
    expect(report.kills).toBe(20)
    expect(report.survived, lines.join('\n')).toBe(20)
  }, 1_200_000)
})
