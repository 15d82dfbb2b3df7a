// Which of a generator's blocks each markdown file holds: a generator may write several blocks
// into several files; a file that holds none of them is refused, since nothing would be written.
import { readFile } from 'node:fs/promises'
import { AppError } from '../../shared/errors'
import { openMarker } from './generated-block'

export async function filesWithBlocks(files: readonly string[], names: readonly string[]): Promise<{ file: string; name: string }[]> {
  const targets: { file: string; name: string }[] = []
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch((error: unknown) => {
      throw new AppError('not-found', `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { file })
    })
    const present = names.filter((name) => text.includes(openMarker(name)))
    if (present.length === 0) throw new AppError('invalid-config', `${file} has none of the generated blocks ${names.join(', ')}: add the markers ${names.map(openMarker).join(' or ')} with their closing ones`, { file })
    targets.push(...present.map((name) => ({ file, name })))
  }
  return targets
}
