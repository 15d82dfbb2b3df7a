// The golden-step suite for one backend: three FixMatch steps of each model, and three steps of
// each other algorithm on small-cnn, against the PyTorch twin's fixtures (tools/torch-twin/golden.py,
// golden_algorithms.py). One file per backend, so they run in parallel.
import { beforeAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../src/engine/backend/select'
import type { BackendName } from '../../../src/shared/backends'
import { GOLDEN_FIXTURES, GoldenFixture } from './golden-fixture'
import { runGolden } from './golden-run'

// The pure-JS cpu backend and a software WebGPU adapter (lavapipe compiles every WRN shader
// first) take minutes for WRN's three steps on 2 cores.
const STEP_TIMEOUT_MS = 300_000

/** describeAs: how the suite is declared (webgpu's gate skips it where no adapter exists). */
export function describeGoldenSteps(backend: BackendName, describeAs: (name: string, body: () => void) => void = describe): void {
  describeAs(`three steps of each algorithm on ${backend} give PyTorch's numbers`, () => {
    beforeAll(async () => {
      await selectBackend(backend)
    })

    for (const name of GOLDEN_FIXTURES) {
      it(name, () => {
        const fixture = new GoldenFixture(name)
        const report = runGolden(fixture)
        expect(report.labelMismatches).toEqual([])
        expect(report.failures).toEqual([])
        report.lrs.forEach((lr, i) => expect(lr).toBeCloseTo(fixture.meta.lrs[i], 12))
      }, STEP_TIMEOUT_MS)
    }
  })
}
