import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadCifar } from '../../../src/node/data/cifar'
import { downloadCifar, type DownloadPhase } from '../../../src/node/data/download'
import { AppError } from '../../../src/shared/errors'
import { makeArchive, makeCifar } from './cifar-fixtures'

const fx = makeCifar('cifar10', 40)
const archive = makeArchive(fx)
const md5 = createHash('md5').update(archive).digest('hex')
const root = mkdtempSync(join(tmpdir(), 'download-test-'))
let server: Server
let base = ''

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/cifar.tar.gz') {
      res.writeHead(200, { 'content-length': archive.length })
      // Several writes so progress has something to report.
      for (let o = 0; o < archive.length; o += 16_384) res.write(archive.subarray(o, o + 16_384))
      res.end()
    } else if (req.url === '/stall.tar.gz') {
      res.writeHead(200, { 'content-length': archive.length })
      res.write(archive.subarray(0, 1000)) // then nothing more
    } else if (req.url === '/cut.tar.gz') {
      res.writeHead(200, { 'content-length': archive.length })
      res.write(archive.subarray(0, 1000), () => res.destroy())
    } else {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  rmSync(root, { recursive: true, force: true })
})

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e)
  expect(error).toBeInstanceOf(AppError)
  expect((error as AppError).code).toBe('download-failed')
  return error as AppError
}

describe('downloadCifar', () => {
  it('streams, verifies the md5, extracts, reports progress and leaves no temp files', async () => {
    const target = join(root, 'ok')
    const seen: DownloadPhase[] = []
    const folder = await downloadCifar('cifar10', {
      targetDir: target,
      url: `${base}/cifar.tar.gz`,
      md5,
      onProgress: (p) => seen.push(p),
      progressIntervalMs: 0
    })
    expect(folder).toBe(join(target, 'cifar-10-batches-bin'))
    expect(readdirSync(target)).toEqual(['cifar-10-batches-bin'])
    const ds = await loadCifar('cifar10', folder)
    expect(ds.train.images).toEqual(fx.train.images)
    const downloading = seen.filter((p) => p.phase === 'downloading')
    expect(downloading.length).toBeGreaterThan(2)
    expect(downloading.at(-1)).toEqual({ phase: 'downloading', receivedBytes: archive.length, totalBytes: archive.length })
    expect(seen.map((p) => p.phase).filter((p) => p !== 'downloading')).toEqual(['verifying', 'extracting', 'done'])
  })

  it('refuses an md5 mismatch and removes the partial files', async () => {
    const target = join(root, 'bad-md5')
    const error = await failure(downloadCifar('cifar10', { targetDir: target, url: `${base}/cifar.tar.gz`, md5: '0'.repeat(32) }))
    expect(error.message).toContain(`md5 ${md5} does not match`)
    expect(readdirSync(target)).toEqual([])
  })

  it('reports HTTP errors, refused connections and cut-off transfers', async () => {
    const target = join(root, 'errors')
    let error = await failure(downloadCifar('cifar10', { targetDir: target, url: `${base}/missing`, md5 }))
    expect(error.message).toMatch(/HTTP 404/)
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    error = await failure(downloadCifar('cifar10', { targetDir: target, url: `http://127.0.0.1:${port}/x`, md5 }))
    expect(error.message).toMatch(/cannot reach/)
    error = await failure(downloadCifar('cifar10', { targetDir: target, url: `${base}/cut.tar.gz`, md5 }))
    expect(error.message).toMatch(/broke off|ended after/)
    error = await failure(downloadCifar('cifar10', { targetDir: target, url: `${base}/stall.tar.gz`, md5, stallTimeoutMs: 300 }))
    expect(error.message).toMatch(/broke off after 1000 bytes: no data for 300 ms/)
    expect(readdirSync(target)).toEqual([])
    expect(existsSync(join(target, 'cifar-10-batches-bin'))).toBe(false)
  })
})
