// `npm run bench`: runs every bench/*.bench.ts in sequence, each in its own tsx child process
// (a clean tfjs engine per benchmark). Extra arguments pass through to every benchmark.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
// The first argument names the benchmarks unless it is a flag; everything else passes through,
// flag values included (`npm run bench -- parity --steps 600`).
const first = process.argv[2]
const filter = first !== undefined && !first.startsWith('-') ? first : undefined
const passed = process.argv.slice(filter === undefined ? 2 : 3)
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort()

if (files.length === 0) {
  console.error(`no benchmark matches ${filter ?? '*'} in ${here}`)
  process.exit(1)
}

const failed: string[] = []
for (const file of files) {
  console.log(`\n=== ${file} ===`)
  const started = Date.now()
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, file), ...passed], {
    stdio: 'inherit'
  })
  const secs = ((Date.now() - started) / 1000).toFixed(1)
  if (result.status !== 0) failed.push(file)
  console.log(`=== ${file}: ${result.status === 0 ? 'ok' : `failed (${result.status ?? result.signal})`} in ${secs} s ===`)
}
if (failed.length > 0) {
  console.error(`\n${failed.length} benchmark(s) failed: ${failed.join(', ')}`)
  process.exit(1)
}
