// The generated block of a markdown file: only the text between its markers changes, every
// other byte stays; a file without the pair, with a marker twice, or with them out of order is
// refused; and a multi-file write changes no file when any of them is refused.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { closeMarker, openMarker, readGeneratedBlock, replaceGeneratedBlock } from '../../../src/node/docs/generated-block'
import { filesWithBlocks } from '../../../src/node/docs/generated-block-files'
import { writeGeneratedBlocks } from '../../../src/node/docs/write-blocks'

const before = '# Title\r\n\nProse with **bold**, trailing spaces  \n'
const after = '\n## Next\n\n<!-- generated:other -->\nkept\n<!-- /generated:other -->\nend without newline'
const page = (inner: string): string => `${before}${openMarker('table')}${inner}${closeMarker('table')}${after}`

describe('replaceGeneratedBlock', () => {
  it('replaces only the text between its own markers and leaves the rest byte-identical', () => {
    const text = page('\nold line 1\nold line 2\n')
    const next = replaceGeneratedBlock(text, 'table', '  | a | b |\n| 1 | 2 |  \n', 'page.md')
    expect(next).toBe(`${before}${openMarker('table')}\n| a | b |\n| 1 | 2 |\n${closeMarker('table')}${after}`)
    expect(readGeneratedBlock(next, 'table', 'page.md')).toBe('| a | b |\n| 1 | 2 |')
    expect(readGeneratedBlock(next, 'other', 'page.md')).toBe('kept')
  })

  it('gives the same text when run again (a regenerated page does not churn)', () => {
    const once = replaceGeneratedBlock(page('x'), 'table', 'content', 'page.md')
    expect(replaceGeneratedBlock(once, 'table', 'content', 'page.md')).toBe(once)
  })

  it('refuses a file without the markers, naming the file and the markers to add', () => {
    expect(() => replaceGeneratedBlock('# no block here\n', 'table', 'x', 'README.md')).toThrow(/README\.md has no generated block table: add the markers <!-- generated:table --> \.\.\. <!-- \/generated:table -->/)
    expect(() => replaceGeneratedBlock(`${openMarker('table')} only the opening`, 'table', 'x', 'a.md')).toThrow(/has no generated block table/)
    // A block of another name is not this one's.
    expect(() => replaceGeneratedBlock(page('x'), 'tab', 'x', 'a.md')).toThrow(/has no generated block tab:/)
  })

  it('refuses duplicated markers and a closing marker before the opening one', () => {
    expect(() => replaceGeneratedBlock(page('x') + page('y'), 'table', 'x', 'a.md')).toThrow(/a\.md has the markers of generated block table more than once/)
    expect(() => replaceGeneratedBlock(`${page('x')}\n${openMarker('table')}`, 'table', 'x', 'a.md')).toThrow(/more than once/)
    expect(() => replaceGeneratedBlock(`${closeMarker('table')} ${openMarker('table')}`, 'table', 'x', 'a.md')).toThrow(/closing marker of generated block table comes before its opening one/)
  })
})

describe('writing blocks into files', () => {
  it('writes every block or none: one refused file leaves all files untouched', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-blocks-'))
    const good = join(dir, 'good.md')
    const bad = join(dir, 'bad.md')
    await writeFile(good, page('old'))
    await writeFile(bad, '# nothing generated\n')
    await expect(writeGeneratedBlocks([{ file: good, name: 'table', content: 'new' }, { file: bad, name: 'table', content: 'new' }])).rejects.toMatchObject({ code: 'invalid-config' })
    expect(await readFile(good, 'utf8')).toBe(page('old'))
    expect(await readFile(bad, 'utf8')).toBe('# nothing generated\n')
    expect(await writeGeneratedBlocks([{ file: good, name: 'table', content: 'new' }, { file: good, name: 'other', content: 'also' }])).toEqual([good])
    expect(await readFile(good, 'utf8')).toBe(`${before}${openMarker('table')}\nnew\n${closeMarker('table')}${after.replace('\nkept\n', '\nalso\n')}`)
    expect(await writeGeneratedBlocks([{ file: good, name: 'table', content: 'new' }])).toEqual([])
  })

  it('finds which of a generator\'s blocks each file holds, refusing a file that holds none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pseudoscope-blocks-'))
    const file = join(dir, 'page.md')
    await writeFile(file, page('x'))
    expect(await filesWithBlocks([file], ['table', 'missing'])).toEqual([{ file, name: 'table' }])
    await expect(filesWithBlocks([file], ['missing'])).rejects.toThrow(/page\.md has none of the generated blocks missing/)
    await expect(filesWithBlocks([join(dir, 'absent.md')], ['table'])).rejects.toMatchObject({ code: 'not-found' })
  })
})
