import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { appendLines, atomicWriteFile } from '../../../src/node/session/atomic'
import { readJsonl, rewriteJsonl } from '../../../src/node/session/jsonl'
import { AppError } from '../../../src/shared/errors'

const root = mkdtempSync(join(tmpdir(), 'jsonl-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0
const fresh = (): string => {
  const dir = join(root, String(n++))
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir)
  return dir
}

describe('atomicWriteFile', () => {
  it('replaces the file and leaves no temp files', async () => {
    const dir = fresh()
    const path = join(dir, 'x.json')
    await atomicWriteFile(path, 'one')
    await Promise.all([atomicWriteFile(path, 'two'), atomicWriteFile(path, 'three')])
    expect(['two', 'three']).toContain(readFileSync(path, 'utf8'))
    await atomicWriteFile(path, new Uint8Array([104, 105]))
    expect(readFileSync(path, 'utf8')).toBe('hi')
    expect(readdirSync(dir)).toEqual(['x.json'])
  })

  it('leaves the old file and no temp file when the write fails', async () => {
    const dir = fresh()
    const path = join(dir, 'x.json')
    writeFileSync(path, 'old')
    // Renaming a file over a non-empty folder fails after the temp file was written.
    const blocked = join(dir, 'sub')
    mkdirSync(blocked)
    writeFileSync(join(blocked, 'f'), '')
    await expect(atomicWriteFile(blocked, 'new')).rejects.toThrow()
    expect(readFileSync(path, 'utf8')).toBe('old')
    expect(readdirSync(dir).sort()).toEqual(['sub', 'x.json'])
  })
})

describe('readJsonl', () => {
  const write = (text: string): string => {
    const path = join(fresh(), 'log.jsonl')
    writeFileSync(path, text)
    return path
  }

  it('reads appended lines and treats a missing file as empty', async () => {
    const path = join(fresh(), 'log.jsonl')
    expect(await readJsonl(path)).toEqual({ records: [], warnings: [] })
    await appendLines(path, ['{"step":1}', '{"step":2}'])
    await appendLines(path, [])
    await appendLines(path, ['{"step":3}'])
    expect((await readJsonl(path)).records).toEqual([{ step: 1 }, { step: 2 }, { step: 3 }])
  })

  it('skips a torn last line with a warning', async () => {
    const unterminated = await readJsonl(write('{"step":1}\n{"step":2}\n{"st'))
    expect(unterminated.records).toEqual([{ step: 1 }, { step: 2 }])
    expect(unterminated.warnings).toEqual(['log.jsonl: skipped a torn last line (line 3)'])
    const garbage = await readJsonl(write('{"step":1}\n\u0000\u0000\u0000\n'))
    expect(garbage.records).toEqual([{ step: 1 }])
    expect(garbage.warnings).toHaveLength(1)
  })

  it('refuses a damaged line in the middle, naming file and line', async () => {
    const path = write('{"step":1}\n{"step":2\n{"step":3}\n')
    const error = await readJsonl(path).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('session-corrupt')
    expect((error as AppError).message).toMatch(/log\.jsonl line 2 is damaged/)
    expect((error as AppError).details).toEqual({ path, line: 2 })
  })

  it('applies the validator and reports what it rejects', async () => {
    const validate = (v: unknown): { step: number } => {
      if (typeof (v as { step?: unknown }).step !== 'number') throw new Error('step: expected a number')
      return v as { step: number }
    }
    await expect(readJsonl(write('{"step":"a"}\n{"step":2}\n'), validate)).rejects.toThrow(/line 1 is damaged: step: expected a number/)
    await expect(readJsonl(write('{"step":1}\n{"step":"b"}\n'), validate)).rejects.toThrow(/line 2/)
  })

  it('handles CRLF, blank lines and multi-byte text split across read chunks', async () => {
    const long = 'é'.repeat(70_000) // > 64 KiB, so the stream splits it
    const { records } = await readJsonl<{ s: string }>(write(`{"s":"a"}\r\n\n{"s":"${long}"}\n`))
    expect(records.map((r) => r.s.length)).toEqual([1, 70_000])
  })
})

describe('rewriteJsonl', () => {
  it('keeps chosen lines byte for byte, drops a torn tail, leaves no temp file', async () => {
    const dir = fresh()
    const path = join(dir, 'log.jsonl')
    writeFileSync(path, '{"step":1,"x":1.50}\n{"step":2}\n{"step":3}\n{"step":4')
    const dropped = await rewriteJsonl(path, (r) => (r as { step: number }).step <= 2)
    expect(dropped).toBe(1)
    expect(readFileSync(path, 'utf8')).toBe('{"step":1,"x":1.50}\n{"step":2}\n')
    expect(readdirSync(dir)).toEqual(['log.jsonl'])
  })

  it('refuses a damaged middle line and changes nothing', async () => {
    const dir = fresh()
    const path = join(dir, 'log.jsonl')
    const text = '{"step":1}\nnope\n{"step":3}\n'
    writeFileSync(path, text)
    await expect(rewriteJsonl(path, () => true)).rejects.toMatchObject({ code: 'session-corrupt' })
    expect(readFileSync(path, 'utf8')).toBe(text)
    expect(readdirSync(dir)).toEqual(['log.jsonl'])
  })
})
