// Whether the Slurm tests can run here: a controller answers and a node is up
// (`npm run slurm:dev -- start`). Without one they are skipped with the reason, except in CI
// (CI=true), where .ci/run starts the dev cluster: there a missing Slurm fails.
import { spawnSync } from 'node:child_process'
import { describe, it } from 'vitest'

function probe(): string | null {
  const r = spawnSync('sinfo', ['-h', '-o', '%T'], { encoding: 'utf8', timeout: 10_000 })
  if (r.error) return `sinfo: ${(r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not installed' : r.error.message}`
  if (r.status !== 0) return `sinfo: ${r.stderr.trim() || `exit ${r.status}`}`
  return /idle|mix|alloc/.test(r.stdout) ? null : `no node is up (sinfo says '${r.stdout.trim()}')`
}

const reason = probe()

export function describeSlurm(name: string, body: () => void): void {
  if (reason === null) {
    describe(name, body)
    return
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has a Slurm cluster (CI starts one: npm run slurm:dev -- start)', () => {
        throw new Error(`no Slurm in CI: ${reason}`)
      })
    })
    return
  }
  console.warn(`Slurm tests skipped: ${reason} (run npm run slurm:dev -- start as root)`)
  describe.skip(`${name} (skipped: ${reason})`, body)
}
