// DESIGN.md section 6: the folder is readable without the app. When python3 with numpy is
// installed, it loads what we wrote (and we load what numpy writes); otherwise this skips.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeNpy } from '../../../src/node/session/npy'
import { SessionWriter } from '../../../src/node/session/session-writer'
import { config, evalRecord, sampleState, stepRecord, tempRoot } from './fixtures'

/** stdout lines, or null when python3 or numpy is not installed. */
function runPython(script: string, arg: string): string[] | null {
  try {
    return execFileSync('python3', ['-c', script, arg], { timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] }).toString().trim().split('\n')
  } catch (error) {
    const e = error as { code?: string; stderr?: Buffer }
    if (e.code === 'ENOENT' || /No module named 'numpy'/.test(e.stderr?.toString() ?? '')) return null
    throw error
  }
}

const tmp = tempRoot('numpy-')
afterAll(tmp.cleanup)

const SCRIPT = `
import json, sys, numpy as np
d = sys.argv[1]
m = json.load(open(d + '/session.json'))
metrics = [json.loads(l) for l in open(d + '/metrics.jsonl')]
evals = [json.loads(l) for l in open(d + '/evals.jsonl')]
step = m['sampleSnapshots'][-1]
conf = np.load(f'{d}/samples/{step}/confidence.npy')
pl = np.load(f'{d}/samples/{step}/pseudoLabel.npy')
idx = np.load(f'{d}/samples/{step}/datasetIndex.npy')
sw = np.load(f'{d}/sweeps/{step}/ema/confidence.npy')
print(m['app'], m['config']['dataset']['id'], len(metrics), metrics[-1]['step'], evals[0]['testAcc'])
print(conf.dtype, conf.shape, round(float(conf[0]), 2), pl.dtype, pl.tolist(), idx.dtype, int(idx.sum()), sw.dtype, sw.tolist())
np.save(d + '/theirs.npy', np.arange(-3, 4, dtype=np.int16))
`

describe('session folder without the app', () => {
  it('python and numpy read the session; we read what numpy writes', async (ctx) => {
    const dir = tmp.dir('s')
    const w = await SessionWriter.create(dir, { name: 'py', config, versions: {} })
    w.appendMetrics([stepRecord(1), stepRecord(2)])
    await w.appendEval(evalRecord(2))
    await w.writeSampleSnapshot(sampleState(2, 4))
    await w.writeSweepArrays(2, 'ema', { pseudoLabel: Int16Array.from([1, 2]), confidence: Float32Array.from([0.5, 0.75]) })
    await w.close()

    const out = runPython(SCRIPT, dir)
    if (out === null) return ctx.skip('python3 with numpy is not installed')
    expect(out[0]).toBe(`pseudoscope ${config.dataset.id} 2 2 0.5`)
    // sampleState(2, 4): samples 0 and 1 seen with labels 0 and 2 and confidences 0.99 and 0.5.
    expect(out[1]).toBe('float32 (4,) 0.99 int16 [0, 2, -1, -1] int32 406 float32 [0.5, 0.75]')

    const theirs = decodeNpy(readFileSync(join(dir, 'theirs.npy')))
    expect(theirs.dtype).toBe('int16')
    expect([...theirs.data]).toEqual([-3, -2, -1, 0, 1, 2, 3])
  })
})
