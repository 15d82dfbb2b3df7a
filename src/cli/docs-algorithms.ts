// `npm run docs:algorithms -- --runs DIR`: the algorithm tables of the docs from the sessions a
// `npm run experiment -- --preset algorithm-comparison-quick-mnist --compare-algorithms --out DIR`
// wrote: a compact table in README.md's generated block algorithm-table, the CLI's full table
// and Welch's pairs in docs/guide/algorithms.md's algorithm-comparison. The figures are the
// shared comparison summary of those folders, the numbers the CLI printed. The machine is this
// one's CPUs: run it where the runs ran. `--file PATH` (repeatable) writes the blocks found in
// PATH instead. Exit 2, no file changed: no finished runs, runs of different configs mixed,
// or a file without its markers.
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { summarizeComparison } from '../shared/analysis/comparison-summary'
import { ALGORITHMS } from '../shared/config/experiment-config'
import { AppError } from '../shared/errors'
import { pageTable, PAGE_BLOCK, README_BLOCK, readmeTable } from '../node/docs/algorithm-tables'
import { readComparisonFolders } from '../node/docs/comparison-folders'
import { filesWithBlocks } from '../node/docs/generated-block-files'
import { thisMachine } from '../node/docs/machine'
import { writeGeneratedBlocks } from '../node/docs/write-blocks'
import { formatComparison } from './compare-table'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const DEFAULT_FILES = ['README.md', 'docs/guide/algorithms.md'].map((f) => `${ROOT}${f}`)

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, file: { type: 'string', multiple: true } }, strict: true })
  if (!values.runs) throw new AppError('invalid-config', 'give --runs DIR: the --out folder of npm run experiment -- --compare-algorithms')
  const folders = await readComparisonFolders(values.runs)
  // Seed-major and in the algorithms' own order, as the CLI ran them: the same summary it printed.
  const order = (a: string): number => ALGORITHMS.indexOf(a as (typeof ALGORITHMS)[number])
  const inputs = folders.runs.map((r) => r.input).sort((a, b) => a.seed - b.seed || order(a.algorithm) - order(b.algorithm))
  const summary = summarizeComparison(inputs)
  const machine = thisMachine()
  const content = { [README_BLOCK]: readmeTable(folders, summary, machine), [PAGE_BLOCK]: pageTable(folders, summary, machine, formatComparison(summary)) }
  const targets = await filesWithBlocks(values.file ?? DEFAULT_FILES, [README_BLOCK, PAGE_BLOCK])
  const changed = await writeGeneratedBlocks(targets.map(({ file, name }) => ({ file, name, content: content[name as keyof typeof content] })))
  for (const f of folders.unfinished) process.stderr.write(`docs:algorithms: left out, not finished: ${f}\n`)
  const shown = targets.map((t) => `${relative(process.cwd(), t.file) || t.file} (${t.name})`).join(', ')
  process.stdout.write(`docs:algorithms: ${folders.runs.length} finished runs; ${changed.length > 0 ? 'rewrote' : 'already current'}: ${shown}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`docs:algorithms: ${(error as Error).message}\n`)
  process.exit(2)
})
