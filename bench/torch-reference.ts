// Where the benches find PyTorch: a python3 with torch (Debian's python3-torch lives under
// /usr/bin/python3, which may not be the python3 first on PATH), and the twin's scripts.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

export const TWIN_DIR = join(import.meta.dirname, '..', 'tools', 'torch-twin')

/** The first python3 that imports torch, or null. */
export function findTorch(): string | null {
  for (const python of [process.env.TORCH_PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => !!p)) {
    if (spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0) return python
  }
  return null
}
