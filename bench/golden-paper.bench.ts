// Golden steps at the paper's batch (64 + 2 x 448 at 32x32x3), too big to commit as fixtures:
// the PyTorch twin writes them into a temp folder (tools/torch-twin/golden.py --paper), then the
// engine runs the same three steps on each backend and is held to the golden tolerances.
// Flags: --arch small-cnn|wrn-28-2 (both by default), --backend NAME (wasm by default).
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { selectBackend } from '../src/engine/backend/select'
import { BACKEND_NAMES, type BackendName } from '../src/shared/backends'
import type { ModelArch } from '../src/shared/config/experiment-config'
import { GoldenFixture } from '../test/engine/golden/golden-fixture'
import { QUANTITIES, runGolden } from '../test/engine/golden/golden-run'
import { findTorch, TWIN_DIR } from './torch-reference'

const flag = (name: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : undefined
}
const ARCHS: ModelArch[] = flag('arch') ? [flag('arch') as ModelArch] : ['small-cnn', 'wrn-28-2']
const backend = (flag('backend') ?? 'wasm') as BackendName
if (!BACKEND_NAMES.includes(backend)) throw new Error(`--backend must be one of ${BACKEND_NAMES.join(', ')}`)

async function main(): Promise<void> {
  const python = findTorch()
  if (!python) {
    console.log('golden steps at the paper batch: skipped, no python3 with torch (Debian: apt-get install python3-torch)')
    return
  }
  const dir = mkdtempSync(join(tmpdir(), 'pseudoscope-golden-'))
  await selectBackend(backend)
  let failed = 0
  for (const arch of ARCHS) {
    const started = performance.now()
    const made = spawnSync(python, [join(TWIN_DIR, 'golden.py'), '--paper', '--arch', arch, '--out', dir, '--threads', '2'], { stdio: 'inherit' })
    if (made.status !== 0) throw new Error(`golden.py failed for ${arch}`)
    const torchSec = (performance.now() - started) / 1000
    const engineStart = performance.now()
    const report = runGolden(new GoldenFixture(arch, dir))
    const engineSec = (performance.now() - engineStart) / 1000
    console.log(`\n${arch}, 64 + 2x448 at 32x32x3, ${backend}: three steps in ${engineSec.toFixed(0)} s (twin, float64 and float32: ${torchSec.toFixed(0)} s)`)
    console.log(`${'quantity'.padEnd(11)} ${QUANTITIES.map((q) => q.padStart(10)).join('')}   (worst error / its tolerance, per step)`)
    report.steps.forEach((worst, i) => {
      console.log(`step ${i + 1}`.padEnd(11) + ' ' + QUANTITIES.map((q) => (worst[q].error / worst[q].tolerance).toFixed(3).padStart(10)).join(''))
    })
    const problems = [...report.labelMismatches, ...report.failures]
    failed += problems.length
    console.log(problems.length === 0 ? 'within tolerance everywhere' : `past tolerance:\n  ${problems.slice(0, 20).join('\n  ')}`)
  }
  if (failed > 0) process.exit(1)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
