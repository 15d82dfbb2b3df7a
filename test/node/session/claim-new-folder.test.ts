import { readdirSync, writeFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { claimNewFolder } from '../../../src/node/session/writer-files'
import { tempRoot } from './fixtures'

const tmp = tempRoot('claim-')
afterAll(tmp.cleanup)

describe('claimNewFolder', () => {
  it('gives runs claiming one name in the same instant a folder each', async () => {
    const parent = tmp.dir('same-second')
    const dirs = await Promise.all(Array.from({ length: 5 }, () => claimNewFolder(parent, 'run-20261202-030000')))
    expect(new Set(dirs).size).toBe(5)
    expect(readdirSync(parent).sort()).toEqual(['run-20261202-030000', 'run-20261202-030000-2', 'run-20261202-030000-3', 'run-20261202-030000-4', 'run-20261202-030000-5'])
  })

  it('skips a name taken by a file, and says why it cannot create one', async () => {
    const parent = tmp.dir('file')
    await claimNewFolder(parent, 'x')
    writeFileSync(`${parent}/y`, '')
    expect(await claimNewFolder(parent, 'y')).toBe(`${parent}/y-2`)
    await expect(claimNewFolder(`${parent}/y/below`, 'z')).rejects.toThrow()
  })

  it('refuses a folder under /proc at once (recursive mkdir spins there forever)', async () => {
    if (process.platform !== 'linux') return
    await expect(claimNewFolder('/proc/pseudoscope-no-such/sessions', 'run')).rejects.toThrow('cannot create /proc/pseudoscope-no-such (ENOENT)')
  }, 5_000)
})
