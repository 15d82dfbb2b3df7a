// Every examples/*.json is a complete config that `npm run experiment -- --config FILE` runs:
// two steps each (the CIFAR one on generated CIFAR files), checked in the session folder.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { validateExperimentConfig } from '../../src/shared/config/experiment-config'
import { readSessionFolder } from '../../src/node/session/session-reader'
import { makeCifar, writeFolder } from '../node/data/cifar-fixtures'
import { runNpmExperiment } from './cli-process'

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url))
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort()
const root = mkdtempSync(join(tmpdir(), 'pseudoscope-examples-'))
const cifarDir = writeFolder(join(root, 'data'), makeCifar('cifar10', 40, 7))
const STEPS = 2

afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('examples/', () => {
  it('holds a few configs, each complete and valid on its own, each described in examples/README.md', () => {
    expect(files.length).toBeGreaterThanOrEqual(3)
    const readme = readFileSync(join(EXAMPLES, 'README.md'), 'utf8')
    for (const file of files) {
      const result = validateExperimentConfig(JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')))
      expect(result.ok ? [] : result.issues, file).toEqual([])
      expect(readme, file).toContain(`\`${file}\``)
    }
  })

  // Concurrent: each run is mostly start-up, the end-of-run evaluation and the full sweep.
  it.concurrent.each(files)('npm run experiment -- --config examples/%s runs and writes its session', async (file) => {
    const config = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8'))
    const cifar = config.dataset.id !== 'mnist'
    const out = join(root, file.replace(/\.json$/, ''))
    const args = ['--config', `examples/${file}`, '--steps', String(STEPS), '--backend', 'wasm', '--out', out, ...(cifar ? ['--data-dir', cifarDir] : [])]
    const result = await runNpmExperiment(args)
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain(`Finished at step ${STEPS}/${STEPS}`)

    const session = await readSessionFolder(out)
    expect(session.manifest.status).toBe('finished')
    const expected = validateExperimentConfig({ ...config, steps: STEPS, backend: 'wasm', dataset: cifar ? { ...config.dataset, dataDir: cifarDir } : config.dataset })
    expect(expected.ok && session.manifest.config).toEqual(expected.ok && expected.config)
    expect(session.metrics.map((m) => m.step)).toEqual([1, 2])
    expect(session.evals.at(-1)?.step).toBe(STEPS)
    expect(session.sweeps.at(-1)?.step).toBe(STEPS)
    expect(session.manifest.versions.tfjs).toMatch(/^\d+\.\d+\.\d+/)
  }, 180_000)
})
