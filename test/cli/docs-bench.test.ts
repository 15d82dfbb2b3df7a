// `npm run bench -- fixmatch-step --results FILE` then `npm run docs:bench -- --results FILE`:
// a real (small: the pure-JS backend's one case, no PyTorch) bench run writes its results, and
// the generator puts them in a temp page's block with the machine and the date, leaving the
// rest of the page as it was. Bad results files and pages without markers exit 2, unchanged.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { BenchResultsSchema } from '../../src/node/docs/bench-results'
import { closeMarker, openMarker, readGeneratedBlock } from '../../src/node/docs/generated-block'
import { describeMachine, thisMachine, utcMinute } from '../../src/node/docs/machine'
import type { CliResult } from './cli-process'

const TSX = import.meta.resolve('tsx')
const BENCH = fileURLToPath(new URL('../../bench/fixmatch-step.bench.ts', import.meta.url))
const DOCS_BENCH = fileURLToPath(new URL('../../src/cli/docs-bench.ts', import.meta.url))

function run(script: string, args: string[]): Promise<CliResult> {
  const child = spawn(process.execPath, ['--import', TSX, script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })))
}

const PAGE = `# Backends\n\nProse.\n\n${openMarker('bench-table')}\nold table\n${closeMarker('bench-table')}\n\nMore prose.\n`

describe('npm run docs:bench', () => {
  it('puts a real bench run\'s table, machine and date into the page\'s block and nothing else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-docs-bench-'))
    const results = join(dir, 'results.json')
    const started = Date.now()
    const bench = await run(BENCH, ['--backend=cpu', '--quick', '--no-torch', '--no-profile', '--results', results])
    expect(bench.code, bench.stderr).toBe(0)
    const measured = BenchResultsSchema.parse(JSON.parse(await readFile(results, 'utf8')))
    expect(measured.finishedAt).toBeGreaterThanOrEqual(started)
    expect(measured.finishedAt).toBeLessThanOrEqual(Date.now())
    expect(measured.machine).toEqual(thisMachine())
    expect(measured.torch).toBeNull()
    expect(measured.args).toEqual(['--backend=cpu', '--quick', '--no-torch', '--no-profile'])
    expect(measured.rows.map((r) => [r.case, r.backend, r.torchMs])).toEqual([['small-cnn labeled-64', 'cpu (js-cpu)', null]])
    // The bench's printed table has the same figure.
    const row = measured.rows[0]
    expect(bench.stdout).toMatch(new RegExp(`^small-cnn labeled-64 +cpu \\(js-cpu\\) +\\S+ +${row.msPerStep.toFixed(0)} `, 'm'))

    const page = join(dir, 'backends.md')
    await writeFile(page, PAGE)
    const r = await run(DOCS_BENCH, ['--results', results, '--file', page])
    expect(r.code, r.stderr).toBe(0)
    const text = await readFile(page, 'utf8')
    const block = readGeneratedBlock(text, 'bench-table', page)
    expect(text.replace(block, 'BLOCK')).toBe(PAGE.replace('old table', 'BLOCK'))
    expect(block).toContain(`Measured by \`npm run bench -- fixmatch-step --backend=cpu --quick --no-torch --no-profile\` on ${describeMachine(thisMachine())}, finished ${utcMinute(measured.finishedAt)}; PyTorch not measured`)
    expect(block).toContain(`| Small CNN, labeled step only (64 images) | cpu (js-cpu) | ${row.threads ?? '-'} | ${row.msPerStep.toFixed(0)} ms | - | - | - | ${row.timedSteps} |`)
    expect(block).toContain('Regenerate: `npm run bench -- fixmatch-step --results FILE`, then `npm run docs:bench -- --results FILE`.')
  }, 180_000)

  it('refuses a missing, non-JSON or foreign results file and a page without markers, changing nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-docs-bench-'))
    const page = join(dir, 'backends.md')
    await writeFile(page, PAGE)
    const notJson = join(dir, 'not.json')
    await writeFile(notJson, 'ms/step 12')
    const foreign = join(dir, 'foreign.json')
    await writeFile(foreign, JSON.stringify({ bench: 'memory', rows: [] }))
    const bare = join(dir, 'bare.md')
    await writeFile(bare, '# Backends\n')
    const refuse = async (args: string[], message: RegExp): Promise<void> => {
      const r = await run(DOCS_BENCH, args)
      expect(r.code, r.stdout).toBe(2)
      expect(r.stderr).toMatch(message)
      expect(await readFile(page, 'utf8')).toBe(PAGE)
      expect(await readFile(bare, 'utf8')).toBe('# Backends\n')
    }
    await refuse(['--file', page], /give --results FILE/)
    await refuse(['--results', join(dir, 'absent.json'), '--file', page], /cannot read .*absent\.json \(ENOENT\)/)
    await refuse(['--results', notJson, '--file', page], /not\.json is not JSON/)
    await refuse(['--results', foreign, '--file', page], /foreign\.json is not a fixmatch-step bench result \(bench: /)
    // A well-formed results file into a page without the block.
    const good = join(dir, 'good.json')
    await writeFile(good, JSON.stringify({ bench: 'fixmatch-step', finishedAt: 0, machine: thisMachine(), backends: [], torch: null, args: [], augmentationMs: 1, rows: [{ case: 'x', backend: 'cpu', threads: 1, msPerStep: 1, cpuMsPerStep: 1, images: 1, timedSteps: 1, warmupSteps: 0, torchMs: null, torchMsAllCores: null }] }))
    await refuse(['--results', good, '--file', bare], /bare\.md has no generated block bench-table/)
  }, 60_000)
})
