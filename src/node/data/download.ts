// Downloads an official CIFAR binary archive, verifies its md5, and extracts it. The archive
// streams to a temp file beside the target; anything partial is removed on failure.
import { createHash } from 'node:crypto'
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, isAbsolute, join, normalize, sep } from 'node:path'
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import { AppError } from '../../shared/errors'
import { CIFAR_LAYOUTS, type CifarId } from './cifar'
import { CIFAR_LIMITS } from './cifar-source'
import { readTar } from './tar'

const gunzipAsync = promisify(gunzip)

export interface CifarDownload {
  url: string
  md5: string
  /** Size of the official archive, for progress when the server sends no length. */
  bytes: number
}

export const CIFAR_DOWNLOADS: Record<CifarId, CifarDownload> = {
  cifar10: { url: 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz', md5: 'c32a1d4ab5d03f1284b67883e8d87530', bytes: 170_052_171 },
  cifar100: { url: 'https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz', md5: '03b5dce01913d631647c71ecec9e9cb8', bytes: 168_513_733 }
}

export interface DownloadPhase {
  phase: 'downloading' | 'verifying' | 'extracting' | 'done'
  receivedBytes: number
  totalBytes: number | null
}

export interface DownloadOptions {
  /** The archive's folder (e.g. cifar-10-batches-bin/) is created inside it. */
  targetDir: string
  /** Injectable for tests; defaults to the official URL and md5. */
  url?: string
  md5?: string
  onProgress?: (progress: DownloadPhase) => void
  signal?: AbortSignal
  /** Minimum milliseconds between 'downloading' reports. */
  progressIntervalMs?: number
  /** Give up when no byte arrives for this long (default 60 s). */
  stallTimeoutMs?: number
  /** The caps an import applies too (CIFAR_LIMITS); lowered by tests. */
  limits?: Partial<typeof CIFAR_LIMITS>
}

const MiB = 1024 * 1024
const mib = (bytes: number): string => (bytes >= MiB ? `${Math.round(bytes / MiB)} MiB` : `${bytes} bytes`)

const fail = (message: string): AppError => new AppError('download-failed', message)

const reason = (error: unknown): string =>
  error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)

async function fetchTo(url: string, file: string, opts: DownloadOptions): Promise<{ md5: string; received: number }> {
  // Aborts on the caller's signal, or when the server goes quiet for stallTimeoutMs.
  const stallMs = opts.stallTimeoutMs ?? 60_000
  const abort = new AbortController()
  let stalled = false
  let timer: NodeJS.Timeout | undefined
  const arm = (): void => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      stalled = true
      abort.abort()
    }, stallMs)
  }
  const onCallerAbort = (): void => abort.abort()
  opts.signal?.addEventListener('abort', onCallerAbort)
  const why = (error: unknown): string =>
    stalled ? `no data for ${stallMs >= 1000 ? `${Math.round(stallMs / 1000)} s` : `${stallMs} ms`}` : opts.signal?.aborted ? 'cancelled' : reason(error)
  try {
    arm()
    return await streamTo(url, file, opts, abort.signal, arm, why)
  } finally {
    clearTimeout(timer)
    opts.signal?.removeEventListener('abort', onCallerAbort)
  }
}

async function streamTo(
  url: string,
  file: string,
  opts: DownloadOptions,
  signal: AbortSignal,
  arm: () => void,
  why: (error: unknown) => string
): Promise<{ md5: string; received: number }> {
  let response: Response
  try {
    response = await fetch(url, { signal, redirect: 'follow' })
  } catch (error) {
    throw fail(`cannot reach ${url}: ${why(error)}`)
  }
  if (!response.ok || !response.body) throw fail(`${url} answered HTTP ${response.status} ${response.statusText}`.trim())
  const length = Number(response.headers.get('content-length'))
  const total = Number.isFinite(length) && length > 0 ? length : null
  // A server may lie or send forever: the cap an import applies bounds the disk used too.
  const limit = opts.limits?.archiveBytes ?? CIFAR_LIMITS.archiveBytes
  if (total !== null && total > limit) {
    await response.body.cancel()
    throw fail(`${url} offers ${mib(total)}, far more than a CIFAR archive (at most ${mib(limit)})`)
  }
  const hash = createHash('md5')
  const handle = await open(file, 'w')
  let received = 0
  let lastReport = 0
  const interval = opts.progressIntervalMs ?? 100
  try {
    const reader = response.body.getReader()
    opts.onProgress?.({ phase: 'downloading', receivedBytes: 0, totalBytes: total })
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      arm()
      if (received + value.length > limit) {
        await reader.cancel()
        throw fail(`download from ${url} is more than ${mib(limit)}, far more than a CIFAR archive; stopped`)
      }
      hash.update(value)
      await handle.write(value)
      received += value.length
      const now = Date.now()
      if (now - lastReport >= interval) {
        lastReport = now
        opts.onProgress?.({ phase: 'downloading', receivedBytes: received, totalBytes: total })
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error
    throw fail(`download from ${url} broke off after ${received} bytes: ${why(error)}`)
  } finally {
    await handle.close()
  }
  if (total !== null && received !== total) throw fail(`download from ${url} ended after ${received} of ${total} bytes`)
  opts.onProgress?.({ phase: 'downloading', receivedBytes: received, totalBytes: total })
  return { md5: hash.digest('hex'), received }
}

/** Writes the archive's entries under `dir`, refusing names that would escape it and sizes no CIFAR file has. */
async function extractTo(archive: string, dir: string, limits: typeof CIFAR_LIMITS): Promise<void> {
  let tar: Uint8Array
  try {
    tar = new Uint8Array(await gunzipAsync(await readFile(archive), { maxOutputLength: limits.tarBytes }))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw fail(`the downloaded archive decompresses to more than ${mib(limits.tarBytes)}; it is not a CIFAR archive`)
    }
    throw fail(`the downloaded archive cannot be decompressed: ${(error as Error).message}`)
  }
  let entries
  try {
    entries = readTar(tar, 'the downloaded archive')
  } catch (error) {
    throw fail((error as Error).message)
  }
  for (const entry of entries) {
    const name = normalize(entry.name)
    if (isAbsolute(name) || name === '..' || name.startsWith(`..${sep}`)) throw fail(`the archive holds an unsafe path: ${entry.name}`)
    if (entry.data.length > limits.memberBytes) throw fail(`the archive's ${entry.name} is ${mib(entry.data.length)}, more than any CIFAR file (${mib(limits.memberBytes)})`)
    const target = join(dir, name)
    if (entry.type === 'directory') await mkdir(target, { recursive: true })
    else if (entry.type === 'file') {
      await mkdir(dirname(target), { recursive: true })
      await writeFile(target, entry.data)
    }
  }
}

/** Downloads, verifies and extracts; returns the extracted folder (e.g. <targetDir>/cifar-10-batches-bin). */
export async function downloadCifar(id: CifarId, opts: DownloadOptions): Promise<string> {
  const official = CIFAR_DOWNLOADS[id]
  const url = opts.url ?? official.url
  const expectedMd5 = (opts.md5 ?? official.md5).toLowerCase()
  const limits = { ...CIFAR_LIMITS, ...opts.limits }
  const layout = CIFAR_LAYOUTS[id]
  await mkdir(opts.targetDir, { recursive: true })
  const stamp = `${process.pid}-${Date.now()}`
  const part = join(opts.targetDir, `.${layout.archive}.${stamp}.part`)
  const staging = join(opts.targetDir, `.extract-${stamp}`)
  try {
    const { md5, received } = await fetchTo(url, part, opts)
    opts.onProgress?.({ phase: 'verifying', receivedBytes: received, totalBytes: received })
    if (md5 !== expectedMd5) throw fail(`${layout.archive}: md5 ${md5} does not match the official ${expectedMd5}; the download is damaged`)
    opts.onProgress?.({ phase: 'extracting', receivedBytes: received, totalBytes: received })
    await extractTo(part, staging, limits)
    const extracted = join(staging, layout.folder)
    const final = join(opts.targetDir, layout.folder)
    await rm(final, { recursive: true, force: true })
    try {
      await rename(extracted, final)
    } catch (error) {
      throw fail(`the archive did not hold ${layout.folder}/ (${(error as Error).message})`)
    }
    opts.onProgress?.({ phase: 'done', receivedBytes: received, totalBytes: received })
    return final
  } finally {
    await rm(part, { force: true })
    await rm(staging, { recursive: true, force: true })
  }
}
