// Session folders imported from elsewhere (e.g. written by the CLI on another disk): a
// small JSON list of absolute paths, kept apart from electron-store so it stays small.
import { mkdir } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { atomicWriteFile } from '../../node/session/atomic'
import { readUntrustedText } from '../../node/session/untrusted-fs'

/** Thousands of paths fit in a fraction of this. */
const MAX_INDEX_BYTES = 4 * 1024 * 1024

export interface SessionIndex {
  importedPaths(): Promise<string[]>
  add(path: string): Promise<void>
  remove(path: string): Promise<void>
}

export class FileSessionIndex implements SessionIndex {
  constructor(
    private readonly file: () => string,
    private readonly warn: (message: string) => void = (message) => console.warn(`[sessions] ${message}`)
  ) {}

  async importedPaths(): Promise<string[]> {
    let text: string
    try {
      // It lives in the sessions folder, where others' folders land too: no symlink, no FIFO.
      text = await readUntrustedText(this.file(), MAX_INDEX_BYTES)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.warn(`${this.file()} cannot be read (${(error as Error).message}); ignoring it`)
      return []
    }
    try {
      const parsed: unknown = JSON.parse(text)
      if (Array.isArray(parsed)) return parsed.filter((entry): entry is string => typeof entry === 'string')
    } catch {
      // fall through
    }
    this.warn(`${this.file()} is not a JSON list of paths; ignoring it (it is left as it is)`)
    return []
  }

  async add(path: string): Promise<void> {
    const paths = await this.importedPaths()
    const absolute = resolve(path)
    if (!paths.includes(absolute)) await this.write([...paths, absolute])
  }

  async remove(path: string): Promise<void> {
    const paths = await this.importedPaths()
    const absolute = resolve(path)
    if (paths.includes(absolute)) await this.write(paths.filter((entry) => entry !== absolute))
  }

  private async write(paths: string[]): Promise<void> {
    await mkdir(dirname(this.file()), { recursive: true })
    await atomicWriteFile(this.file(), `${JSON.stringify(paths, null, 2)}\n`)
  }
}
