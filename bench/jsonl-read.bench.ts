// The jsonl reader's cost against the file's size: one long unterminated line of 1, 2, 4 and
// 8 MiB (once quadratic: 4, 8 and 16 MiB took 0.10, 0.33 and 1.46 s), a 16 MiB one (refused
// at the 8 MiB cap), and a metrics log of many normal lines. Linear means each doubling of
// the line about doubles its time. Flags: --quick (fewer lines, fewer repetitions).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readJsonl } from '../src/node/session/jsonl'
import { median } from './stats'

const quick = process.argv.includes('--quick')
const reps = quick ? 3 : 7
const root = mkdtempSync(join(tmpdir(), 'jsonl-bench-'))
const MiB = 1024 * 1024

async function time(path: string): Promise<{ ms: number; outcome: string }> {
  const times: number[] = []
  let outcome = ''
  for (let i = 0; i < reps; i++) {
    const start = performance.now()
    outcome = await readJsonl(path).then(
      (r) => `${r.records.length} records, ${r.warnings.length} warnings`,
      (e: Error) => `refused: ${e.message.slice(0, 60)}`
    )
    times.push(performance.now() - start)
  }
  return { ms: median(times), outcome }
}

try {
  for (const size of [1, 2, 4, 8, 16]) {
    const path = join(root, `long-${size}.jsonl`)
    writeFileSync(path, `{"step":1}\n{"s":"${'x'.repeat(size * MiB - 8)}`)
    const { ms, outcome } = await time(path)
    console.log(`unterminated line of ${String(size).padStart(2)} MiB: ${ms.toFixed(1).padStart(7)} ms  (${outcome})`)
  }
  const lines = quick ? 50_000 : 500_000
  const record = JSON.stringify({ step: 1, time: 1, lr: 0.03, loss: 0.5, plAccAll: 0.4, classPseudo: Array(10).fill(5) })
  const path = join(root, 'metrics.jsonl')
  writeFileSync(path, `${record}\n`.repeat(lines))
  const { ms, outcome } = await time(path)
  console.log(`${lines} normal lines (${((record.length + 1) * lines / MiB).toFixed(0)} MiB): ${ms.toFixed(1)} ms  (${outcome})`)
} finally {
  rmSync(root, { recursive: true, force: true })
}
