// mkdir -p for folders a user names (--out, a sessions folder). Node's recursive mkdir
// retries forever where a parent exists but refuses children (/proc, /sys): this walks up
// to the nearest existing folder and creates each level once, naming the one that fails.
import { mkdir, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { AppError } from '../../shared/errors'

export async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = []
  let at = dir
  for (;;) {
    const info = await stat(at).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null
      throw new AppError('io-error', `cannot create ${dir}: ${at} is not reachable (${error.code ?? error.message})`, { path: at })
    })
    if (info) {
      if (!info.isDirectory()) throw new AppError('conflict', `cannot create ${dir}: ${at} is not a folder`, { path: at })
      break
    }
    const parent = dirname(at)
    if (parent === at) break
    missing.unshift(at)
    at = parent
  }
  for (const folder of missing) {
    try {
      await mkdir(folder)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EEXIST') continue
      throw new AppError('io-error', `cannot create ${folder} (${code ?? (error as Error).message})`, { path: folder })
    }
  }
}
