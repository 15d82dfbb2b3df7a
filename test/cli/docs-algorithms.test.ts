// `npm run docs:algorithms`: a real tiny comparison through the CLI (3 algorithms, Pseudo-Label
// at its own mu, × 2 seeds × 3 steps of the comparison preset), then the generator into a temp
// markdown file with markers.
// The rows are the ones the CLI printed and the summary the test computes from the same
// folders; the provenance comes from the sessions; refusals exit 2 and change no file.
import { spawn } from 'node:child_process'
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { summarizeComparison, type Stats } from '../../src/shared/analysis/comparison-summary'
import type { ComparisonRunInput } from '../../src/shared/analysis/comparison-run'
import { presetConfig } from '../../src/shared/config/presets'
import { readSessionFolder } from '../../src/node/session/session-reader'
import { closeMarker, openMarker, readGeneratedBlock } from '../../src/node/docs/generated-block'
import { runCli, type CliResult } from './cli-process'

const SCRIPT = fileURLToPath(new URL('../../src/cli/docs-algorithms.ts', import.meta.url))
const TSX = import.meta.resolve('tsx')

function docsAlgorithms(args: string[]): Promise<CliResult> {
  const child = spawn(process.execPath, ['--import', TSX, SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })))
}

const PAGE = ['# Algorithms', '', 'Prose before.', '', openMarker('algorithm-table'), 'placeholder', closeMarker('algorithm-table'), '', '## Full', '',
  openMarker('algorithm-comparison'), 'placeholder', closeMarker('algorithm-comparison'), '', 'Prose after.', ''].join('\n')
const outside = (text: string): string => text.replace(/<!-- generated:([a-z-]+) -->[\s\S]*?<!-- \/generated:\1 -->/g, '<$1>')
// Figures a 3-step run leaves undefined (nothing passed the threshold) print as '-'.
const pct = (s: Stats | null): string => (s === null ? '-' : `${(100 * s.mean).toFixed(1)} ± ${(100 * s.std).toFixed(1)}%`)

describe('npm run docs:algorithms', () => {
  let dir = ''
  let runs = ''
  let cli: CliResult
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pseudoscope-docs-alg-'))
    runs = join(dir, 'cmp')
    cli = await runCli(['--preset', 'algorithm-comparison-quick-mnist', '--backend', 'wasm', '--steps', '3', '--compare-algorithms', '--algorithms', 'fixmatch,pseudolabel,supervised', '--seeds', '2', '--out', runs])
  }, 300_000)

  it('writes both tables from the sessions: the summary of those folders, the CLI\'s own rows, where, when and how to remake them', async () => {
    expect(cli.code, cli.stderr).toBe(0)
    const file = join(dir, 'page.md')
    await writeFile(file, PAGE)
    const r = await docsAlgorithms(['--runs', runs, '--file', file])
    expect(r.code, r.stderr).toBe(0)
    const text = await readFile(file, 'utf8')
    expect(outside(text)).toBe(outside(PAGE))

    const inputs: ComparisonRunInput[] = []
    let finished = 0
    for (const seed of [1, 2]) {
      for (const algorithm of ['fixmatch', 'pseudolabel', 'supervised'] as const) {
        const folder = await readSessionFolder(join(runs, algorithm, `seed-${seed}`))
        inputs.push({ algorithm, seed, status: folder.manifest.status, metrics: folder.metrics, evals: folder.evals, sweeps: folder.sweeps })
        finished = Math.max(finished, folder.manifest.segments.at(-1)!.endedAt!)
      }
    }
    const summary = summarizeComparison(inputs)
    expect(summary.rankedBy).toBe('emaTestAcc')
    const readme = readGeneratedBlock(text, 'algorithm-table', file)
    const [fixmatch, pseudolabel, supervised] = summary.algorithms
    const row = (title: string): string[] => (readme.split('\n').find((l) => l.startsWith(`| ${title} |`)) ?? '').split('|').map((c) => c.trim()).slice(1, -1)
    // Pseudo-Label's recipe gives it 3x the comparison's steps: 9 of --steps 3.
    expect(row('FixMatch')).toEqual(['FixMatch', '2', '3', pct(fixmatch.emaTestAcc), pct(fixmatch.maskRate), pct(fixmatch.plAccMasked), fixmatch.stepsToTarget === null ? 'never' : expect.any(String)])
    expect(row('Pseudo-Label')).toEqual(['Pseudo-Label', '2', '9', pct(pseudolabel.emaTestAcc), pct(pseudolabel.maskRate), pct(pseudolabel.plAccMasked), expect.any(String)])
    expect(row('Supervised (labeled only)')).toEqual(['Supervised (labeled only)', '2', '3', pct(supervised.emaTestAcc), '-', '-', expect.any(String)])
    // The header, its rule and one row per algorithm.
    expect(readme.split('\n').filter((l) => l.startsWith('| ')).length).toBe(5)

    const config = presetConfig('algorithm-comparison-quick-mnist')
    const stamp = `${new Date(finished).toISOString().slice(0, 16).replace('T', ' ')} UTC`
    for (const block of [readme, readGeneratedBlock(text, 'algorithm-comparison', file)]) {
      expect(block).toContain(`Measured with the preset \`algorithm-comparison-quick-mnist\`: mnist, ${config.split.labelsPerClass} labels per class (split seed ${config.split.seed}), 3 steps (Pseudo-Label 9: its recipe), training seeds 1, 2 (6 finished runs), on wasm (wasm-simd)`)
      expect(block).toContain(`${cpus()[0].model.trim()}, ${cpus().length} logical CPU`)
      expect(block).toContain(`the last run finished ${stamp}`)
      expect(block).toContain(`Regenerate: \`npm run experiment -- --preset algorithm-comparison-quick-mnist --compare-algorithms --algorithms fixmatch,pseudolabel,supervised --seeds 2 --steps 3 --out DIR\`, then \`npm run docs:algorithms -- --runs DIR\`.`)
    }
    // The page holds the table and the pairs the CLI printed, line for line.
    const page = readGeneratedBlock(text, 'algorithm-comparison', file)
    const printed = cli.stdout.split('\n').filter((l) => l.startsWith('|'))
    expect(printed.length).toBeGreaterThanOrEqual(6)
    for (const line of printed) expect(page.split('\n')).toContain(line)
    expect(page).toMatch(/^- At p < 0\.05, the seeds tell \d of 3 pairs apart/m)

    // Pseudo-Label alone: the comparison's steps are still 3, its own 9.
    const alone = join(dir, 'alone')
    await cp(join(runs, 'pseudolabel'), join(alone, 'pseudolabel'), { recursive: true })
    const aloneFile = join(dir, 'alone.md')
    await writeFile(aloneFile, PAGE)
    expect((await docsAlgorithms(['--runs', alone, '--file', aloneFile])).code).toBe(0)
    const aloneBlock = readGeneratedBlock(await readFile(aloneFile, 'utf8'), 'algorithm-table', aloneFile)
    expect(aloneBlock).toContain('3 steps (Pseudo-Label 9: its recipe), training seeds 1, 2 (2 finished runs)')
    expect(aloneBlock).toContain('--compare-algorithms --algorithms pseudolabel --seeds 2 --steps 3 --out DIR')

    // Run again: nothing changes.
    const again = await docsAlgorithms(['--runs', runs, '--file', file])
    expect(again.stdout).toContain('already current')
    expect(await readFile(file, 'utf8')).toBe(text)
  }, 120_000)

  it('refuses a folder with no finished runs, runs of different steps, splits or batches, and a file without markers, changing nothing', async () => {
    expect(cli.code, cli.stderr).toBe(0)
    const file = join(dir, 'untouched.md')
    await writeFile(file, PAGE)
    const refuse = async (args: string[], message: RegExp): Promise<void> => {
      const r = await docsAlgorithms(args)
      expect(r.code, r.stdout).toBe(2)
      expect(r.stderr).toMatch(message)
      expect(await readFile(file, 'utf8')).toBe(PAGE)
    }
    const empty = join(dir, 'empty')
    await mkdir(empty)
    await refuse(['--runs', empty, '--file', file], /has no finished comparison runs \(it holds no session folders/)
    await refuse(['--runs', join(dir, 'absent'), '--file', file], /cannot read .*absent \(ENOENT\)/)

    // A comparison with one session not finished: only unfinished sessions are no table.
    const stopped = join(dir, 'stopped')
    await cp(join(runs, 'fixmatch', 'seed-1'), join(stopped, 'fixmatch', 'seed-1'), { recursive: true })
    await edit(join(stopped, 'fixmatch', 'seed-1'), (m) => (m.status = 'stopped'))
    await refuse(['--runs', stopped, '--file', file], /no finished comparison runs \(its 1 session\(s\) are unfinished\)/)

    for (const [field, change] of [['steps', (m: Manifest) => (m.config.steps = 5)], ['split', (m: Manifest) => (m.config.split.seed += 1)], ['batch', (m: Manifest) => (m.config.batch.mu += 1)], ['algorithm', (m: Manifest) => (m.config.algorithm.lambdaU += 1)]] as const) {
      const mixed = join(dir, `mixed-${field}`)
      await cp(runs, mixed, { recursive: true })
      await edit(join(mixed, 'supervised', 'seed-2'), change)
      await refuse(['--runs', mixed, '--file', file], new RegExp(`not one comparison: they differ in ${field} `))
    }
    // A Pseudo-Label run at the comparison's own steps is not this comparison's: its recipe trains 3x.
    const unscaled = join(dir, 'unscaled')
    await cp(runs, unscaled, { recursive: true })
    await edit(join(unscaled, 'pseudolabel', 'seed-1'), (m) => (m.config.steps = 3))
    await refuse(['--runs', unscaled, '--file', file], /not one comparison: they differ in steps /)
    // Every Pseudo-Label run at another lambda_u: its recipe sets mu and steps, not lambda_u, so FixMatch's must match.
    const ownLambda = join(dir, 'own-lambda')
    await cp(runs, ownLambda, { recursive: true })
    for (const seed of [1, 2]) await edit(join(ownLambda, 'pseudolabel', `seed-${seed}`), (m) => (m.config.algorithm.lambdaU += 1))
    await refuse(['--runs', ownLambda, '--file', file], /not one comparison: they differ in algorithm /)
    const bare = join(dir, 'bare.md')
    await writeFile(bare, '# No markers\n')
    await refuse(['--runs', runs, '--file', file, '--file', bare], /bare\.md has none of the generated blocks algorithm-table, algorithm-comparison/)
    expect(await readFile(bare, 'utf8')).toBe('# No markers\n')
    await refuse(['--file', file], /give --runs DIR/)
  }, 120_000)
})

interface Manifest {
  status: string
  config: { steps: number; split: { seed: number }; batch: { mu: number }; algorithm: { lambdaU: number } }
}

async function edit(sessionDir: string, change: (m: Manifest) => unknown): Promise<void> {
  const path = join(sessionDir, 'session.json')
  const manifest = JSON.parse(await readFile(path, 'utf8')) as Manifest
  change(manifest)
  await writeFile(path, JSON.stringify(manifest))
}
