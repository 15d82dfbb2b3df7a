import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { GENERATED_PATH, generatedSource } from '../../../../scripts/simd-kernels-assemble'
import { simdKernelModule, simdKernelsUnavailable } from '../../../../src/engine/backend/kernels/simd/simd-kernels'

describe('the project wasm SIMD kernels', () => {
  it('are committed exactly as kernels.wat assembles (run `npm run build:simd` after editing it)', async () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(await generatedSource())
  })

  it('compile on this engine, for a shared heap and a private one', () => {
    expect(simdKernelModule(true)).not.toBeNull()
    expect(simdKernelModule(false)).not.toBeNull()
    expect(simdKernelsUnavailable()).toBeNull()
  })
})
