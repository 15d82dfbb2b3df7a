// `npm run docs:bench -- --results FILE`: puts the table a `npm run bench -- fixmatch-step
// --results FILE` run measured into docs/guide/backends.md's generated block bench-table.
// `--file PATH` writes another markdown file's block instead. Exit 2: bad options, an unreadable
// or invalid results file, or a file without the block's markers; nothing is written then.
import { readFile } from 'node:fs/promises'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { BENCH_BLOCK, benchMarkdown, BenchResultsSchema } from '../node/docs/bench-results'
import { writeGeneratedBlocks } from '../node/docs/write-blocks'
import { AppError } from '../shared/errors'

const PAGE = fileURLToPath(new URL('../../docs/guide/backends.md', import.meta.url))

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { results: { type: 'string' }, file: { type: 'string' } }, strict: true })
  if (!values.results) throw new AppError('invalid-config', 'give --results FILE: the file `npm run bench -- fixmatch-step --results FILE` wrote')
  const text = await readFile(values.results, 'utf8').catch((error: unknown) => {
    throw new AppError('not-found', `--results: cannot read ${values.results} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  })
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new AppError('invalid-config', `--results: ${values.results} is not JSON; it is written by npm run bench -- fixmatch-step --results FILE`)
  }
  const parsed = BenchResultsSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppError('invalid-config', `--results: ${values.results} is not a fixmatch-step bench result (${issue.path.join('.') || 'root'}: ${issue.message})`)
  }
  if (parsed.data.rows.length === 0) throw new AppError('invalid-config', `--results: ${values.results} holds no timed case`)
  const file = values.file ?? PAGE
  const changed = await writeGeneratedBlocks([{ file, name: BENCH_BLOCK, content: benchMarkdown(parsed.data) }])
  process.stdout.write(`docs:bench: ${relative(process.cwd(), file) || file}'s ${BENCH_BLOCK} ${changed.length > 0 ? 'rewritten' : 'is current'}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`docs:bench: ${(error as Error).message}\n`)
  process.exit(2)
})
