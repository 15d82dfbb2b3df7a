// The golden-step suite for one backend: three FixMatch steps of each model against the PyTorch
// twin's fixtures (tools/torch-twin/golden.py). One file per backend, so they run in parallel.
import { beforeAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../src/engine/backend/select'
import type { BackendName } from '../../../src/shared/backends'
import { GoldenFixture } from './golden-fixture'
import { runGolden } from './golden-run'

const ARCHS = ['small-cnn', 'wrn-28-2'] as const

export function describeGoldenSteps(backend: BackendName): void {
  describe(`three FixMatch steps on ${backend} give PyTorch's numbers`, () => {
    beforeAll(async () => {
      await selectBackend(backend)
    })

    for (const arch of ARCHS) {
      it(arch, () => {
        const fixture = new GoldenFixture(arch)
        const report = runGolden(fixture)
        expect(report.labelMismatches).toEqual([])
        expect(report.failures).toEqual([])
        report.lrs.forEach((lr, i) => expect(lr).toBeCloseTo(fixture.meta.lrs[i], 12))
      })
    }
  })
}
