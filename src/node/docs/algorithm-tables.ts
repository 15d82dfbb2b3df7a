// The generated algorithm tables: a compact one for the README and the CLI's full table with
// Welch's pairs for the Algorithms page, both from the shared comparison summary of the session
// folders, each saying what was run, on what machine, when, and how to make it again.
import type { ComparisonSummary, Stats } from '../../shared/analysis/comparison-summary'
import { ALGORITHMS } from '../../shared/config/experiment-config'
import { findPreset } from '../../shared/config/presets'
import { ALGORITHM_RULE_KIND } from '../../shared/algorithms/registry'
import type { ComparisonFolders } from './comparison-folders'
import { describeMachine, utcMinute, type Machine } from './machine'

export const README_BLOCK = 'algorithm-table'
export const PAGE_BLOCK = 'algorithm-comparison'

const pct = (s: Stats | null): string => (s === null ? '-' : s.n > 1 ? `${(100 * s.mean).toFixed(1)} ± ${(100 * s.std).toFixed(1)}%` : `${(100 * s.mean).toFixed(1)}%`)

/** The commands that measure the runs again and regenerate the tables from them (DIR: a folder of the reader's choosing). */
export function regenerateCommands(folders: ComparisonFolders): string[] {
  const seeds = [...new Set(folders.runs.map((r) => r.input.seed))].sort((a, b) => a - b)
  const algorithms = ALGORITHMS.filter((a) => folders.runs.some((r) => r.input.algorithm === a))
  const preset = folders.preset === null ? undefined : findPreset(folders.preset)
  const args = ['npm run experiment --', preset ? `--preset ${preset.id}` : '--config FILE (the runs\' own config)', '--compare-algorithms']
  const presetSet = preset?.compareAlgorithms ?? []
  if (presetSet.length !== algorithms.length || !algorithms.every((a) => presetSet.includes(a))) args.push(`--algorithms ${algorithms.join(',')}`)
  if (seeds.length !== (preset?.compareSeeds ?? 0)) args.push(`--seeds ${seeds.length}`)
  if (!preset || seeds[0] !== preset.config.seed) args.push(`--seed ${seeds[0]}`)
  if (!preset || folders.steps !== preset.config.steps) args.push(`--steps ${folders.steps}`)
  return [`${args.join(' ')} --out DIR`, 'npm run docs:algorithms -- --runs DIR']
}

/** The lines every block opens with: what ran, where, when. */
function provenance(folders: ComparisonFolders, summary: ComparisonSummary, machine: Machine): string[] {
  const config = folders.runs[0].manifest.config
  const seeds = [...new Set(folders.runs.map((r) => r.input.seed))].sort((a, b) => a - b)
  const backends = folders.backends.map((b) => `${b.name} (${b.device})${b.threads ? `, ${b.threads} thread${b.threads === 1 ? '' : 's'}` : ''}${b.onednn ? `, oneDNN ${b.onednn} convolutions` : ''}`)
  const what = folders.preset === null ? `a custom config ("${config.name.split(' · ')[0]}")` : `the preset \`${folders.preset}\``
  // An algorithm whose recipe scales the steps (Pseudo-Label's stepsFactor) is named with its own.
  const longer = summary.algorithms.filter((a) => a.steps !== folders.steps).map((a) => `${a.title} ${a.steps}`)
  const stepsText = `${folders.steps} steps${longer.length > 0 ? ` (${longer.join(', ')}: its recipe)` : ''}`
  const left = folders.unfinished.length > 0 ? ` ${folders.unfinished.length} unfinished session(s) left out.` : ''
  return [
    `Measured with ${what}: ${config.dataset.id}, ${config.split.labelsPerClass} labels per class (split seed ${config.split.seed}), ${stepsText}, ` +
      `training seeds ${seeds.join(', ')} (${folders.runs.length} finished runs), on ${backends.join('; ') || 'an unrecorded backend'}; ` +
      `${describeMachine(machine)}; the last run finished ${utcMinute(folders.finishedAt)}. Mean ± std over the seeds; ranked by ${summary.rankedBy === 'emaTestAcc' ? 'the EMA model' : 'the raw model'}.${left}`
  ]
}

const regenerate = (commands: string[]): string => `Regenerate: \`${commands[0]}\`, then \`${commands[1]}\`.`

const marker = '<!-- Written by npm run docs:algorithms from session folders; do not edit by hand. -->'

export function readmeTable(folders: ComparisonFolders, summary: ComparisonSummary, machine: Machine): string {
  const target = `${(100 * summary.targetAccuracy).toFixed(0)}%`
  const acc = summary.rankedBy === 'emaTestAcc' ? 'Test accuracy (EMA)' : 'Test accuracy'
  const rows = summary.algorithms.map((a) => {
    const steps = a.stepsToTarget === null ? 'never' : `${Math.round(a.stepsToTarget.mean)} (${a.reached}/${a.seeds.length})`
    const accuracy = summary.rankedBy === 'emaTestAcc' ? a.emaTestAcc : a.testAcc
    return `| ${a.title} | ${a.seeds.length} | ${a.steps} | ${pct(accuracy)} | ${a.bound ? '-' : `${pct(a.maskRate)}${ALGORITHM_RULE_KIND[a.algorithm] === 'weights' ? ' (weight)' : ''}`} | ${a.bound ? '-' : pct(a.plAccMasked)} | ${steps} |`
  })
  return [
    marker,
    ...provenance(folders, summary, machine),
    '',
    `| Algorithm | Seeds | Steps | ${acc} | Mask rate | Masked PL accuracy | Steps to ${target} (seeds reaching it) |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    regenerate(regenerateCommands(folders))
  ].join('\n')
}

/** The CLI's own table (src/cli/compare-table.ts) as markdown: tables set off by blank lines, verdicts as a list. */
function cliTableAsMarkdown(text: string): string[] {
  const out: string[] = []
  for (const line of text.split('\n')) {
    const isRow = line.startsWith('|')
    const prev = out.at(-1)
    if (prev !== undefined && prev !== '' && line !== '' && isRow !== prev.startsWith('|')) out.push('')
    out.push(line.startsWith('  ') ? `- ${line.trim()}` : line)
  }
  return out
}

/** `cliTable`: what `--compare-algorithms` prints for the summary (formatComparison). */
export function pageTable(folders: ComparisonFolders, summary: ComparisonSummary, machine: Machine, cliTable: string): string {
  return [marker, ...provenance(folders, summary, machine), '', ...cliTableAsMarkdown(cliTable), '', regenerate(regenerateCommands(folders))].join('\n')
}
