// Append-only JSON-lines logs. A crash mid-append leaves at most a torn last line, which
// readers skip with a warning; damage anywhere else is refused, never silently dropped.
import { open, rm, type FileHandle } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { AppError } from '../../shared/errors'
import { renameWithRetry, syncDir, tempPathFor } from './atomic'
import { openUntrustedFile } from './untrusted-fs'

/** Turns a parsed value into a record or throws an Error saying what is wrong. */
export type Validate<T> = (value: unknown) => T

export interface JsonlLine {
  text: string
  /** 1-based line number in the file. */
  line: number
  /** False for a last line without its '\n'. */
  terminated: boolean
}

/**
 * Longest line a log may hold. The longest the app writes is a sweeps.jsonl record (a
 * 100-class confusion matrix and reliability bins, under 100 KiB); a longer line is damage
 * or a hostile file, refused before it fills memory.
 */
export const MAX_JSONL_LINE_BYTES = 8 * 1024 * 1024
const CHUNK_BYTES = 256 * 1024

/**
 * Non-blank lines of a file, streamed (logs can outgrow one JS string); nothing when it is
 * missing. Linear in the file size: each read is scanned a fixed number of times and a
 * line spanning reads is joined once (bench/jsonl-read.bench.ts). The file is opened as
 * untrusted (no symlink, no FIFO).
 */
export async function* jsonlLines(path: string, maxLineBytes = MAX_JSONL_LINE_BYTES): AsyncGenerator<JsonlLine> {
  let handle: FileHandle
  try {
    handle = await openUntrustedFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    if (error instanceof AppError) throw error
    throw new AppError('io-error', `cannot read ${path}: ${(error as Error).message}`, { path })
  }
  let pending: Buffer[] = []
  let pendingBytes = 0
  let line = 0
  const tooLong = (): AppError =>
    new AppError('session-corrupt', `${basename(path)} line ${line + 1} is longer than ${maxLineBytes} bytes; refused (${path})`, {
      path,
      line: line + 1,
      maxLineBytes
    })
  const take = (piece: Buffer): string => {
    const bytes = pending.length === 0 ? piece : Buffer.concat([...pending, piece], pendingBytes + piece.length)
    pending = []
    pendingBytes = 0
    const text = bytes.toString('utf8')
    return text.endsWith('\r') ? text.slice(0, -1) : text
  }
  try {
    for (;;) {
      // A fresh buffer per read: pending pieces keep pointing into it.
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES)
      let bytesRead: number
      try {
        ;({ bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, null))
      } catch (error) {
        throw new AppError('io-error', `cannot read ${path}: ${(error as Error).message}`, { path })
      }
      if (bytesRead === 0) break
      const data = chunk.subarray(0, bytesRead)
      const first = data.indexOf(10)
      if (first !== -1) {
        // The line the pending pieces began ends here.
        if (pendingBytes + first > maxLineBytes) throw tooLong()
        const text = take(data.subarray(0, first))
        line++
        if (text.trim() !== '') yield { text, line, terminated: true }
        // The whole lines after it lie in this chunk: decode them at once (no UTF-8 sequence holds a '\n').
        const last = data.lastIndexOf(10)
        if (last > first) {
          for (const part of data.toString('utf8', first + 1, last).split('\n')) {
            if (maxLineBytes < CHUNK_BYTES && Buffer.byteLength(part) > maxLineBytes) throw tooLong()
            line++
            const text = part.endsWith('\r') ? part.slice(0, -1) : part
            if (text.trim() !== '') yield { text, line, terminated: true }
          }
        }
        if (last + 1 < data.length) pending.push(data.subarray(last + 1))
        pendingBytes = data.length - last - 1
      } else {
        pending.push(data)
        pendingBytes += data.length
      }
      if (pendingBytes > maxLineBytes) throw tooLong()
    }
    const rest = pendingBytes > 0 ? take(Buffer.alloc(0)) : ''
    if (rest.trim() !== '') yield { text: rest, line: line + 1, terminated: false }
  } finally {
    await handle.close()
  }
}

type Parsed<T> = { ok: true; value: T } | { ok: false; why: string; parseable: boolean }

function parseLine<T>(text: string, validate?: Validate<T>): Parsed<T> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { ok: false, why: `not valid JSON (${(error as Error).message})`, parseable: false }
  }
  if (!validate) return { ok: true, value: value as T }
  try {
    return { ok: true, value: validate(value) }
  } catch (error) {
    return { ok: false, why: (error as Error).message, parseable: true }
  }
}

/**
 * Reads every record. The last line is dropped with a warning when it lacks its '\n' or
 * is not JSON (a torn append); any other bad line is AppError('session-corrupt').
 */
export async function readJsonl<T>(path: string, validate?: Validate<T>): Promise<{ records: T[]; warnings: string[] }> {
  const records: T[] = []
  const warnings: string[] = []
  const name = basename(path)
  let pending: JsonlLine | null = null
  const take = (entry: JsonlLine, isLast: boolean): void => {
    const parsed = parseLine(entry.text, validate)
    if (isLast && (!entry.terminated || (!parsed.ok && !parsed.parseable))) {
      warnings.push(`${name}: skipped a torn last line (line ${entry.line})`)
      return
    }
    if (!parsed.ok) {
      throw new AppError('session-corrupt', `${name} line ${entry.line} is damaged: ${parsed.why}`, { path, line: entry.line })
    }
    records.push(parsed.value)
  }
  for await (const entry of jsonlLines(path)) {
    if (pending) take(pending, false)
    pending = entry
  }
  if (pending) take(pending, true)
  return { records, warnings }
}

/**
 * Rewrites a log keeping the lines whose record `keep` accepts (their bytes unchanged),
 * through a fsynced temp file and a rename. A torn last line is dropped; a damaged middle
 * line is refused before anything changes. Returns how many records were dropped.
 */
export async function rewriteJsonl(path: string, keep: (value: unknown) => boolean): Promise<number> {
  const temp = tempPathFor(path)
  const name = basename(path)
  let dropped = 0
  let kept: string[] = []
  let pending: JsonlLine | null = null
  const handle = await open(temp, 'w')
  try {
    const take = async (entry: JsonlLine, isLast: boolean): Promise<void> => {
      const parsed = parseLine<unknown>(entry.text)
      if (!parsed.ok || !entry.terminated) {
        if (isLast) return
        throw new AppError('session-corrupt', `${name} line ${entry.line} is damaged: ${parsed.ok ? 'no line end' : parsed.why}`, {
          path,
          line: entry.line
        })
      }
      if (!keep(parsed.value)) dropped++
      else kept.push(entry.text)
      if (kept.length >= 4096) {
        await handle.write(kept.join('\n') + '\n')
        kept = []
      }
    }
    for await (const entry of jsonlLines(path)) {
      if (pending) await take(pending, false)
      pending = entry
    }
    if (pending) await take(pending, true)
    if (kept.length > 0) await handle.write(kept.join('\n') + '\n')
    await handle.sync()
    await handle.close()
    await renameWithRetry(temp, path)
  } catch (error) {
    await handle.close().catch(() => undefined)
    await rm(temp, { force: true })
    throw error
  }
  await syncDir(dirname(path))
  return dropped
}
