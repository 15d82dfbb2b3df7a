// Where Slurm's commands run: on this host, or on a login node through OpenSSH (key auth,
// BatchMode so a missing key fails at once instead of prompting). Commands are argv arrays;
// over ssh each argument is single-quoted for the remote shell, never joined from user text.
import { spawn } from 'node:child_process'
import { AppError } from '../../../shared/errors'
import { shellQuote } from '../../../shared/shell-quote'

export interface CommandResult {
  code: number | null
  stdout: string
  stderr: string
}

export interface SlurmHost {
  /** A short description for messages ("this host", "user@login"). */
  readonly where: string
  run(argv: string[], options?: { timeoutMs?: number }): Promise<CommandResult>
}

function execute(command: string, args: string[], timeoutMs: number): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', (error) => {
      clearTimeout(timer)
      resolve({ code: null, stdout, stderr: `${stderr}${(error as NodeJS.ErrnoException).code === 'ENOENT' ? `${command}: command not found` : error.message}` })
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

const DEFAULT_TIMEOUT_MS = 60_000

export function localSlurmHost(): SlurmHost {
  return {
    where: 'this host',
    run: (argv, options) => execute(argv[0], argv.slice(1), options?.timeoutMs ?? DEFAULT_TIMEOUT_MS)
  }
}

/** ssh [sshArgs] target -- 'arg' 'arg' ...; ssh's own failure (255) is an error naming the target. */
export function sshSlurmHost(target: string, sshArgs: readonly string[] = []): SlurmHost {
  if (target.startsWith('-')) throw new AppError('invalid-config', `ssh target '${target}' must not start with '-'`)
  const base = ['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=15', ...sshArgs, target, '--']
  return {
    where: target,
    async run(argv, options) {
      const result = await execute('ssh', [...base, argv.map(shellQuote).join(' ')], options?.timeoutMs ?? DEFAULT_TIMEOUT_MS)
      if (result.code === 255) {
        throw new AppError('io-error', `ssh ${target} failed: ${result.stderr.trim() || 'no output'} (key auth with BatchMode=yes: is your key in the cluster's authorized_keys?)`, { target })
      }
      return result
    }
  }
}
