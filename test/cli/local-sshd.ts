// An OpenSSH server on 127.0.0.1 for the sweep's ssh path: a fresh host key and user key in
// a temp folder, the user key authorized for this user, key auth only.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { createServer, connect } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'

export interface LocalSshd {
  target: string
  /** ssh arguments that reach it with the generated key. */
  sshArgs: string[]
  stop(): Promise<void>
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })

const accepting = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy()
      resolve(true)
    })
    socket.on('error', () => resolve(false))
  })

export async function startSshd(): Promise<LocalSshd> {
  const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-sshd-'))
  for (const [file, type] of [['host_key', 'ed25519'], ['user_key', 'ed25519']]) {
    const r = spawnSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', join(dir, file)], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`ssh-keygen: ${r.stderr}`)
  }
  await writeFile(join(dir, 'authorized_keys'), await readFile(join(dir, 'user_key.pub')), { mode: 0o600 })
  const port = await freePort()
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${join(dir, 'host_key')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    'StrictModes no',
    'UsePAM no'
  ]
  await writeFile(join(dir, 'sshd_config'), `${config.join('\n')}\n`)
  // Its privilege-separation folder; systemd makes it where there is one.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 })
  const sshd: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  sshd.stderr?.on('data', (d: Buffer) => (log += d.toString()))
  for (let i = 0; !(await accepting(port)); i++) {
    if (sshd.exitCode !== null || i > 100) throw new Error(`sshd did not start: ${log}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    target: `${userInfo().username}@127.0.0.1`,
    sshArgs: [`-p${port}`, `-i${join(dir, 'user_key')}`, '-oStrictHostKeyChecking=no', `-oUserKnownHostsFile=${join(dir, 'known_hosts')}`, '-oIdentitiesOnly=yes'],
    async stop() {
      const exited = new Promise((resolve) => sshd.once('exit', resolve))
      sshd.kill('SIGTERM')
      await exited
    }
  }
}
