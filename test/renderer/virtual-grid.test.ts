import { describe, expect, it } from 'vitest'
import { gridMetrics, moveCursor, rowBlocks, scrollToRow, visibleRows } from '../../src/renderer/src/lib/virtual-grid'
import { atlasTileStyle, atlasUrl, sampleImageUrl } from '../../src/renderer/src/lib/image-urls'

describe('virtual grid', () => {
  it('fits columns to the width and counts rows', () => {
    const m = gridMetrics(50_000, 1000, 96, 120, 4)
    expect(m.cols).toBe(10) // 10 * 96 + 9 * 4 = 996 <= 1000
    expect(m.rows).toBe(5000)
    expect(m.totalHeight).toBe(5000 * 124)
    expect(gridMetrics(3, 10, 96, 120, 4).cols).toBe(1)
  })
  it('renders only the rows on screen plus overscan', () => {
    const m = gridMetrics(50_000, 1000, 96, 120, 4)
    expect(visibleRows(0, 600, m, 2)).toEqual([0, 7])
    expect(visibleRows(124 * 1000, 600, m, 2)).toEqual([998, 1007])
    expect(visibleRows(m.totalHeight, 600, m, 2)[1]).toBe(5000)
    expect(visibleRows(0, 600, { rows: 0, rowHeight: 10 })).toEqual([0, 0])
  })
  it('groups rows into atlas blocks', () => {
    expect(rowBlocks(3, 9, 4)).toEqual([0, 1, 2])
    expect(rowBlocks(8, 12, 4)).toEqual([2])
  })
  it('moves the cursor with arrow keys, clamped to the grid', () => {
    expect(moveCursor(5, 'ArrowRight', 10, 100)).toBe(6)
    expect(moveCursor(5, 'ArrowDown', 10, 100)).toBe(15)
    expect(moveCursor(5, 'ArrowUp', 10, 100)).toBe(0)
    expect(moveCursor(95, 'ArrowDown', 10, 100)).toBe(99)
    expect(moveCursor(3, 'End', 10, 100)).toBe(99)
    expect(moveCursor(3, 'x', 10, 100)).toBeNull()
    expect(moveCursor(0, 'ArrowDown', 10, 0)).toBeNull()
  })
  it('scrolls a row into view only when needed', () => {
    expect(scrollToRow(10, 0, 500, 100)).toBe(600)
    expect(scrollToRow(2, 0, 500, 100)).toBe(0)
    expect(scrollToRow(1, 300, 500, 100)).toBe(100)
  })
})

describe('image urls', () => {
  it('builds sample and atlas paths below the base', () => {
    expect(sampleImageUrl('pseudoscope://', 'mnist', 'train', 7)).toBe('pseudoscope://dataset/mnist/train/7.png')
    expect(sampleImageUrl('http://127.0.0.1:5/img', 'mnist', 'test', 1)).toBe('http://127.0.0.1:5/img/dataset/mnist/test/1.png')
    expect(atlasUrl('x/', 'cifar10', 'train', [3, 1, 2], 16)).toBe('x/atlas/cifar10/train.png?indices=3,1,2&cols=16')
  })
  it('positions atlas tiles row-major', () => {
    expect(atlasTileStyle(0, 32, 16)).toEqual({ backgroundSize: '1600% 200%', backgroundPosition: '0% 0%' })
    expect(atlasTileStyle(17, 32, 16)).toEqual({ backgroundSize: '1600% 200%', backgroundPosition: `${(1 / 15) * 100}% 100%` })
  })
})
