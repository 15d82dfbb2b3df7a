// The session folder lock against real processes: a second writer is refused with the
// holder named, a lock left by a process killed with SIGKILL is taken over, and a lock from
// another host counts only while its heartbeat is fresh.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { lockHolder, lockPath, SessionLock } from '../../../src/node/session/session-lock'
import { SessionWriter } from '../../../src/node/session/session-writer'
import { config, tempRoot } from './fixtures'

const tmp = tempRoot('lock-')
afterAll(tmp.cleanup)
const init = { name: 'locked', config, versions: {}, now: 1 }
const LOCK_MODULE = fileURLToPath(new URL('../../../src/node/session/session-lock.ts', import.meta.url))

/** A separate node process that takes the lock, says so, and waits to be killed. */
function holderProcess(dir: string): Promise<{ pid: number; kill9: () => Promise<void> }> {
  const code = `import { SessionLock } from ${JSON.stringify(LOCK_MODULE)}; await SessionLock.acquire(${JSON.stringify(dir)}); console.log('held'); setInterval(() => {}, 1000)`
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.stdout.on('data', (d: Buffer) => {
      if (!d.toString().includes('held')) return
      resolve({
        pid: child.pid as number,
        kill9: () => new Promise<void>((done) => {
          child.on('exit', () => done())
          child.kill('SIGKILL')
        })
      })
    })
  })
}

describe('session lock', () => {
  it('refuses a second writer while the first holds the folder, and frees it on close', async () => {
    const dir = tmp.dir('two-writers')
    const first = await SessionWriter.create(dir, init, { lock: true })
    await expect(SessionWriter.open(dir, { lock: true })).rejects.toThrow(
      new RegExp(`is in use by another run \\(process ${process.pid} on ${hostname()}, since .*\\); wait for it to end or stop it`)
    )
    expect((await lockHolder(dir))?.pid).toBe(process.pid)
    await first.close()
    expect(existsSync(lockPath(dir))).toBe(false)
    const second = await SessionWriter.open(dir, { lock: true })
    await second.close()
  })

  it('a refused open leaves the folder as it was', async () => {
    const dir = tmp.dir('refused')
    const first = await SessionWriter.create(dir, init, { lock: true })
    const before = readdirSync(dir).sort()
    await expect(SessionWriter.open(dir, { lock: true })).rejects.toThrow(/in use/)
    expect(readdirSync(dir).sort()).toEqual(before)
    await first.close()
  })

  it('takes over the lock of a process killed with SIGKILL, and refuses while it lives', async () => {
    const dir = tmp.dir('killed')
    await (await SessionWriter.create(dir, init)).close()
    const holder = await holderProcess(dir)
    await expect(SessionLock.acquire(dir)).rejects.toThrow(new RegExp(`process ${holder.pid} `))
    await holder.kill9()
    expect(existsSync(lockPath(dir))).toBe(true)
    expect(await lockHolder(dir)).toBeNull()
    const lock = await SessionLock.acquire(dir)
    expect(lock.owner.pid).toBe(process.pid)
    expect((await lockHolder(dir))?.token).toBe(lock.owner.token)
    await lock.release()
  }, 30_000)

  it('judges a lock from another host by its heartbeat', async () => {
    const dir = tmp.dir('other-host')
    await (await SessionWriter.create(dir, init)).close()
    writeFileSync(lockPath(dir), JSON.stringify({ pid: 1, host: 'elsewhere', since: 1, token: 't' }))
    expect((await lockHolder(dir))?.host).toBe('elsewhere')
    await expect(SessionLock.acquire(dir)).rejects.toThrow(/process 1 on elsewhere/)
    const old = new Date(Date.now() - 120_000)
    utimesSync(lockPath(dir), old, old)
    expect(await lockHolder(dir)).toBeNull()
    await (await SessionLock.acquire(dir)).release()
  })

  it('an empty lock is one being taken when fresh, and a crash leftover when old', async () => {
    const dir = tmp.dir('empty')
    await (await SessionWriter.create(dir, init)).close()
    writeFileSync(lockPath(dir), '')
    await expect(SessionLock.acquire(dir)).rejects.toThrow(/a run that is starting/)
    const old = new Date(Date.now() - 60_000)
    utimesSync(lockPath(dir), old, old)
    await (await SessionLock.acquire(dir)).release()
  })

  it('release leaves alone a lock that was taken over meanwhile', async () => {
    const dir = tmp.dir('taken')
    await (await SessionWriter.create(dir, init)).close()
    const lock = await SessionLock.acquire(dir)
    writeFileSync(lockPath(dir), JSON.stringify({ pid: process.pid, host: hostname(), since: 2, token: 'someone-else' }))
    await lock.release()
    expect(existsSync(lockPath(dir))).toBe(true)
  })
})
