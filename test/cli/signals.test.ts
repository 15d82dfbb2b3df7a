// ^C and SIGTERM through `npm run experiment`, sent to the whole process group as a terminal
// does: the run checkpoints, records "stopped" and exits 130 / 143; --resume goes on from there.
import { mkdtemp, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { readSessionFolder } from '../../src/node/session/session-reader'
import { runInTerminal } from './terminal'

const TINY = fileURLToPath(new URL('./tiny-run.json', import.meta.url))

describe('signals through npm run experiment', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143]
  ] as const)('%s to the foreground group checkpoints, records stopped and exits %i', async (signal, code) => {
    const out = join(await mkdtemp(join(tmpdir(), 'pseudoscope-signal-')), 'session')
    let sent = false
    const args = ['--labels-per-class', '2', '--backend', 'wasm', '--steps', '500', '--config', TINY, '--preset', 'quick-mnist', '--out', out]
    // Sent while the next step is training (the eval line of step 2 has just been printed).
    const r = await runInTerminal(args, (text, signalGroup) => {
      if (!sent && /step 2: test accuracy/.test(text)) {
        sent = true
        signalGroup(signal)
      }
    })
    expect(sent).toBe(true)
    expect(r.status, r.output).toBe(code)
    expect(r.output).toContain(`Resume with: npm run experiment -- --resume ${out}`)
    const session = await readSessionFolder(out)
    expect(session.manifest.status).toBe('stopped')
    expect(session.manifest.segments.map((s) => s.status)).toEqual(['stopped'])
    const k = session.manifest.checkpointStep as number
    expect(k).toBeGreaterThanOrEqual(2)
    expect(k).toBeLessThan(500)
    expect((await stat(join(out, 'checkpoint', 'weights.bin'))).size).toBeGreaterThan(0)
    expect(session.metrics.map((m) => m.step)).toEqual(Array.from({ length: k }, (_, i) => i + 1))
  }, 120_000)
})
