// The jsonl reader on long lines: linear in the file, an over-long line refused with its
// line number (terminated or not), and lines split across reads joined byte-exactly.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { jsonlLines, MAX_JSONL_LINE_BYTES, readJsonl } from '../../../src/node/session/jsonl'

const root = mkdtempSync(join(tmpdir(), 'jsonl-lines-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0
const write = (text: string): string => {
  const path = join(root, `log-${n++}.jsonl`)
  writeFileSync(path, text)
  return path
}
const MiB16 = 16 * 1024 * 1024
const hugeRecord = `{"s":"${'x'.repeat(MiB16)}"}`

describe('jsonlLines on long lines', () => {
  it('refuses a 16 MiB unterminated last line with its line number', async () => {
    const path = write(`{"step":1}\n{"step":2}\n${hugeRecord}`)
    await expect(readJsonl(path)).rejects.toMatchObject({
      code: 'session-corrupt',
      message: expect.stringMatching(/log-\d+\.jsonl line 3 is longer than \d+ bytes/),
      details: { path, line: 3, maxLineBytes: MAX_JSONL_LINE_BYTES }
    })
  })

  it('refuses a 16 MiB terminated line in the middle with its line number', async () => {
    const path = write(`{"step":1}\n${hugeRecord}\n{"step":3}\n`)
    await expect(readJsonl(path)).rejects.toMatchObject({ code: 'session-corrupt', details: { line: 2 } })
  })

  it('takes a line of exactly the cap and refuses one byte more, counting bytes', async () => {
    const lines = async (text: string): Promise<string[]> => {
      const out: string[] = []
      for await (const entry of jsonlLines(write(text), 4)) out.push(entry.text)
      return out
    }
    expect(await lines('abcd\nab\n')).toEqual(['abcd', 'ab'])
    await expect(lines('ab\nabcde\n')).rejects.toMatchObject({ details: { line: 2, maxLineBytes: 4 } })
    // 'éé' is four bytes; 'ééé' is six.
    expect(await lines('éé')).toEqual(['éé'])
    await expect(lines('ééé')).rejects.toMatchObject({ details: { line: 1 } })
  })

  it('joins a multi-byte line split across several reads, and keeps line numbers over blank lines', async () => {
    // An odd prefix puts a read boundary inside an 'é' (two bytes).
    const text = 'a' + 'é'.repeat(300_000)
    const path = write(`\n{"s":"${text}"}\r\n\n{"s":"b"}\n{"s":"c`)
    const seen: { line: number; terminated: boolean; length: number }[] = []
    for await (const entry of jsonlLines(path)) seen.push({ line: entry.line, terminated: entry.terminated, length: entry.text.length })
    expect(seen).toEqual([
      { line: 2, terminated: true, length: text.length + 8 },
      { line: 4, terminated: true, length: 9 },
      { line: 5, terminated: false, length: 7 }
    ])
    const { records, warnings } = await readJsonl<{ s: string }>(path)
    expect(records.map((r) => r.s)).toEqual([text, 'b'])
    expect(warnings).toEqual([expect.stringContaining('torn last line (line 5)')])
  })
})
