// The download path applies the caps an import applies (CIFAR_LIMITS): a gzip that inflates
// past the cap, a member no CIFAR file is as big as, and a server that sends too much are
// refused as 'download-failed', and nothing of them stays on disk.
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { downloadCifar, type DownloadOptions } from '../../../src/node/data/download'
import { AppError } from '../../../src/shared/errors'
import { makeArchive, makeCifar, makeTar } from './cifar-fixtures'

const fx = makeCifar('cifar10', 40)
const MiB = 1 << 20
const files: Record<string, Uint8Array> = {
  '/ok.tar.gz': makeArchive(fx),
  // 8 MiB of zeros packs into a few KiB: a small bomb, with the cap lowered to match.
  '/bomb.tar.gz': gzipSync(makeTar(fx.folder, { 'padding.bin': new Uint8Array(8 * MiB) })),
  '/fat-member.tar.gz': gzipSync(makeTar(fx.folder, { ...fx.files, 'data_batch_1.bin': new Uint8Array(2 * MiB) }))
}
const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex')
const root = mkdtempSync(join(tmpdir(), 'download-limits-'))
let server: Server
let base = ''

beforeAll(async () => {
  server = createServer((req, res) => {
    const body = files[req.url ?? '']
    // /endless sends no length and more bytes than the cap allows.
    if (req.url === '/endless') {
      res.writeHead(200)
      for (let i = 0; i < 40; i++) res.write(new Uint8Array(64 * 1024))
      return void res.end()
    }
    if (!body) return void res.writeHead(404).end()
    res.writeHead(200, { 'content-length': body.length })
    res.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  rmSync(root, { recursive: true, force: true })
})

async function refusal(name: string, opts: Partial<DownloadOptions>): Promise<{ message: string; left: string[] }> {
  const targetDir = join(root, name)
  const error = await downloadCifar('cifar10', { targetDir, url: `${base}/${name}`, ...opts }).then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(AppError)
  expect((error as AppError).code).toBe('download-failed')
  return { message: (error as AppError).message, left: readdirSync(targetDir) }
}

describe('downloadCifar caps what it decompresses and receives', () => {
  it('refuses a gzip bomb at the tar cap and removes the partial files', async () => {
    const bomb = files['/bomb.tar.gz']
    expect(bomb.length).toBeLessThan(MiB / 4)
    const { message, left } = await refusal('bomb.tar.gz', { md5: md5(bomb), limits: { tarBytes: 2 * MiB } })
    expect(message).toBe('the downloaded archive decompresses to more than 2 MiB; it is not a CIFAR archive')
    expect(left).toEqual([])
  })

  it('refuses a member larger than any CIFAR file', async () => {
    const archive = files['/fat-member.tar.gz']
    const { message, left } = await refusal('fat-member.tar.gz', { md5: md5(archive), limits: { memberBytes: MiB } })
    expect(message).toMatch(/data_batch_1\.bin is 2 MiB, more than any CIFAR file \(1 MiB\)$/)
    expect(left).toEqual([])
  })

  it('stops a download past the archive cap, with or without a content-length', async () => {
    const ok = files['/ok.tar.gz']
    let result = await refusal('ok.tar.gz', { md5: md5(ok), limits: { archiveBytes: ok.length - 1 } })
    expect(result.message).toMatch(/offers \d+ bytes, far more than a CIFAR archive/)
    expect(result.left).toEqual([])
    result = await refusal('endless', { md5: '0'.repeat(32), limits: { archiveBytes: MiB } })
    expect(result.message).toMatch(/is more than 1 MiB, far more than a CIFAR archive; stopped$/)
    expect(result.left).toEqual([])
  })

  it('still downloads the fixture archive under the default caps', async () => {
    const folder = await downloadCifar('cifar10', { targetDir: join(root, 'fine'), url: `${base}/ok.tar.gz`, md5: md5(files['/ok.tar.gz']) })
    expect(folder).toBe(join(root, 'fine', 'cifar-10-batches-bin'))
  })
})
