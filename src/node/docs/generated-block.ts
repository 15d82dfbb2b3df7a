// A block of a markdown file that a script writes and nobody edits by hand: the text between
// `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`. Replacing it leaves every other
// byte of the file as it was; a file without the pair, or with either marker twice, is refused.
import { AppError } from '../../shared/errors'

export const openMarker = (name: string): string => `<!-- generated:${name} -->`
export const closeMarker = (name: string): string => `<!-- /generated:${name} -->`

function indexesOf(text: string, needle: string): number[] {
  const found: number[] = []
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) found.push(at)
  return found
}

/** Where the block's content starts and ends (exclusive of the markers), or an error naming the file. */
function blockRange(text: string, name: string, file: string): { start: number; end: number } {
  const open = indexesOf(text, openMarker(name))
  const close = indexesOf(text, closeMarker(name))
  const pair = `${openMarker(name)} ... ${closeMarker(name)}`
  if (open.length === 0 || close.length === 0) {
    throw new AppError('invalid-config', `${file} has no generated block ${name}: add the markers ${pair} where it belongs`, { file, name })
  }
  if (open.length > 1 || close.length > 1) {
    throw new AppError('invalid-config', `${file} has the markers of generated block ${name} more than once; keep one pair ${pair}`, { file, name })
  }
  const start = open[0] + openMarker(name).length
  if (close[0] < start) throw new AppError('invalid-config', `${file}: the closing marker of generated block ${name} comes before its opening one`, { file, name })
  return { start, end: close[0] }
}

/** The file's text with the block's content replaced by `content` (on its own lines between the markers). */
export function replaceGeneratedBlock(text: string, name: string, content: string, file: string): string {
  const { start, end } = blockRange(text, name, file)
  return `${text.slice(0, start)}\n${content.trim()}\n${text.slice(end)}`
}

/** The block's current content, trimmed. */
export function readGeneratedBlock(text: string, name: string, file: string): string {
  const { start, end } = blockRange(text, name, file)
  return text.slice(start, end).trim()
}
