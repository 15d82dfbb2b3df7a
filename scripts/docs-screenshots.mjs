// `npm run docs:screenshots`: copies the e2e suite's screenshots (test-results/, written by
// `npm run test:e2e`) into docs/screenshots/, so the docs show the app as it is.
// A screenshot the e2e has not written this time keeps its committed copy; one with neither is
// an error, so a page never links an image that is not there.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const FROM = join(ROOT, 'test-results')
const TO = join(ROOT, 'docs', 'screenshots')

// The e2e file that takes each one, so a missing one says what to run.
const SHOTS = {
  'cifar-run-experiments': 'cifar-run',
  'cifar-run-finished': 'cifar-run',
  'cifar-run-samples': 'cifar-run',
  'cifar-run-experiments-ko': 'cifar-run',
  'cifar-run-finished-ko': 'cifar-run',
  'cifar-run-samples-ko': 'cifar-run',
  'workstation-datasets': 'workstation',
  'workstation-experiments': 'workstation',
  'workstation-runs': 'workstation',
  'workstation-analysis': 'workstation',
  'workstation-samples': 'workstation',
  'workstation-samples-detail': 'workstation',
  'workstation-sessions-compare': 'workstation',
  'workstation-datasets-ko': 'workstation',
  'workstation-experiments-ko': 'workstation',
  'workstation-runs-ko': 'workstation',
  'workstation-analysis-ko': 'workstation',
  'workstation-samples-ko': 'workstation',
  'workstation-samples-detail-ko': 'workstation',
  'algorithms-compare': 'algorithms',
  'algorithms-flexmatch-thresholds': 'algorithms',
  'sweeps-compare': 'sweeps'
}

mkdirSync(TO, { recursive: true })
let copied = 0
const missing = []
for (const [name, e2e] of Object.entries(SHOTS)) {
  const source = join(FROM, `${name}.png`)
  if (existsSync(source)) {
    copyFileSync(source, join(TO, `${name}.png`))
    copied++
  } else if (!existsSync(join(TO, `${name}.png`))) {
    missing.push(`${name}.png (test/e2e/${e2e}.e2e.ts)`)
  }
}
if (missing.length > 0) {
  process.stderr.write(`docs:screenshots: no e2e screenshot and no committed copy of:\n  ${missing.join('\n  ')}\nrun npm run build, then npm run test:e2e\n`)
  process.exit(1)
}
const kept = Object.keys(SHOTS).length - copied
process.stdout.write(`docs:screenshots: ${copied} copied from test-results/, ${kept} kept as committed\n`)
