// The bench table's markdown: each row's ratio is its step over PyTorch's at the same threads,
// PyTorch's version and convolution ISA are named, cold rows are marked, absent figures are "-".
import { describe, expect, it } from 'vitest'
import { benchMarkdown, BenchResultsSchema, type BenchRow } from '../../../src/node/docs/bench-results'

const row = (over: Partial<BenchRow>): BenchRow => ({ case: 'small-cnn full', backend: 'wasm (wasm-simd)', threads: 2, msPerStep: 2294.4, cpuMsPerStep: 373, images: 960, timedSteps: 9, warmupSteps: 1, torchMs: 1321, torchMsAllCores: 1300, ...over })

describe('benchMarkdown', () => {
  it('renders every row with its ratio to PyTorch, the machine, the date and the PyTorch version', () => {
    const rows = [row({}), row({ case: 'wrn-28-2 full', msPerStep: 25_512, torchMs: 26_800, torchMsAllCores: 26_000, timedSteps: 1, warmupSteps: 0 }), row({ case: 'new case', backend: 'webgpu (gpu)', threads: null, torchMs: null, torchMsAllCores: null })]
    const results = BenchResultsSchema.parse({ bench: 'fixmatch-step', finishedAt: Date.UTC(2026, 11, 5, 17, 40, 30), machine: { cpuModel: 'AMD EPYC', logicalCpus: 2 }, backends: ['wasm (wasm-simd): 2 threads'], torch: { version: '1.13.0', convIsa: 'AVX2' }, args: ['--quick'], augmentationMs: 131.2, rows })
    const lines = benchMarkdown(results).split('\n')
    expect(lines[1]).toBe('Measured by `npm run bench -- fixmatch-step --quick` on AMD EPYC, 2 logical CPUs, finished 2026-12-05 17:40 UTC; PyTorch 1.13.0 on the CPU (its convolutions on oneDNN, AVX2), on the same cores in the same run.')
    const body = lines.filter((l) => l.startsWith('| ') && !l.startsWith('| Case') && !l.startsWith('| ---'))
    expect(body).toEqual([
      `| Small CNN, FixMatch step (64 + 2 × 448 images) | wasm (wasm-simd) | 2 | 2294 ms | 1321 ms | ${(2294.4 / 1321).toFixed(2)}x | 1300 ms | 9 |`,
      `| WRN-28-2, FixMatch paper step (960 images) | wasm (wasm-simd) | 2 | 25.5 s | 26.8 s | ${(25_512 / 26_800).toFixed(2)}x | 26.0 s | 1, cold |`,
      '| new case | webgpu (gpu) | - | 2294 ms | - | - | - | 9 |'
    ])
    expect(lines).toContain('| Case | Backend | Threads | Pseudoscope ms/step | PyTorch ms/step (same threads) | Ratio | PyTorch (2 threads) | Timed steps |')
  })
})
