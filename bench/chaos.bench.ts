// `npm run bench -- chaos`: 200 SIGKILLs at random moments of CLI training runs, each
// followed by --resume; reports how many the sessions survived (metrics 1..N with nothing
// twice, and weights byte-identical to an uninterrupted run). `--kills=N` changes the count.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chaos } from '../test/cli/chaos-run'

const kills = Number(process.argv.find((a) => a.startsWith('--kills='))?.slice('--kills='.length) ?? 200)
const root = mkdtempSync(join(tmpdir(), 'pseudoscope-chaos-'))
const started = Date.now()
const report = await chaos(root, kills, 2026, (line) => console.log(line))
console.log(
  `chaos: ${report.survived} of ${report.kills} kills survived in ${report.sessions} sessions, ${((Date.now() - started) / 1000).toFixed(0)} s` +
    (report.failures.length > 0 ? `\nfailures:\n${report.failures.join('\n')}` : '')
)
rmSync(root, { recursive: true, force: true })
if (report.failures.length > 0 || report.survived !== report.kills) process.exit(1)
