// Writes generated blocks into their markdown files all or nothing: every file is read and every
// block replaced in memory first, so a file with missing or duplicated markers refuses the whole
// write and no file changes.
import { readFile, writeFile } from 'node:fs/promises'
import { AppError } from '../../shared/errors'
import { replaceGeneratedBlock } from './generated-block'

export interface BlockEdit {
  file: string
  name: string
  content: string
}

/** The files whose text changed. */
export async function writeGeneratedBlocks(edits: readonly BlockEdit[]): Promise<string[]> {
  const texts = new Map<string, { before: string; after: string }>()
  for (const edit of edits) {
    let entry = texts.get(edit.file)
    if (!entry) {
      const before = await readFile(edit.file, 'utf8').catch((error: unknown) => {
        throw new AppError('not-found', `cannot read ${edit.file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { file: edit.file })
      })
      entry = { before, after: before }
      texts.set(edit.file, entry)
    }
    entry.after = replaceGeneratedBlock(entry.after, edit.name, edit.content, edit.file)
  }
  const changed = [...texts].filter(([, t]) => t.after !== t.before)
  for (const [file, t] of changed) await writeFile(file, t.after)
  return changed.map(([file]) => file)
}
