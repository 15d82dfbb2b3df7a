// Virtual-grid arithmetic: how many columns fit, which rows are on screen, and where the
// arrow keys move the selection. Only the visible rows (plus a margin) are ever rendered.

export interface GridMetrics {
  cols: number
  rows: number
  rowHeight: number
  totalHeight: number
}

export function gridMetrics(count: number, width: number, tileWidth: number, tileHeight: number, gap: number): GridMetrics {
  const cols = Math.max(1, Math.floor((width + gap) / (tileWidth + gap)))
  const rows = Math.ceil(count / cols)
  const rowHeight = tileHeight + gap
  return { cols, rows, rowHeight, totalHeight: rows * rowHeight }
}

/** Rows [first, last) to render for a scroll position, with `overscan` extra rows each side. */
export function visibleRows(
  scrollTop: number,
  viewportHeight: number,
  metrics: Pick<GridMetrics, 'rows' | 'rowHeight'>,
  overscan = 2
): [number, number] {
  if (metrics.rows === 0) return [0, 0]
  const first = Math.max(0, Math.floor(scrollTop / metrics.rowHeight) - overscan)
  const last = Math.min(metrics.rows, Math.ceil((scrollTop + viewportHeight) / metrics.rowHeight) + overscan)
  return [first, Math.max(first, last)]
}

/** Row blocks the rendered rows fall into: images are fetched one atlas per block. */
export function rowBlocks(first: number, last: number, blockRows: number): number[] {
  const out: number[] = []
  for (let b = Math.floor(first / blockRows); b * blockRows < last; b++) out.push(b)
  return out
}

/** The cursor after a navigation key; unknown keys return null. */
export function moveCursor(cursor: number, key: string, cols: number, count: number, pageRows = 5): number | null {
  if (count === 0) return null
  const c = Math.min(Math.max(cursor, 0), count - 1)
  const clamp = (i: number): number => Math.min(count - 1, Math.max(0, i))
  switch (key) {
    case 'ArrowRight':
      return clamp(c + 1)
    case 'ArrowLeft':
      return clamp(c - 1)
    case 'ArrowDown':
      return clamp(c + cols)
    case 'ArrowUp':
      return clamp(c - cols)
    case 'PageDown':
      return clamp(c + cols * pageRows)
    case 'PageUp':
      return clamp(c - cols * pageRows)
    case 'Home':
      return 0
    case 'End':
      return count - 1
    default:
      return null
  }
}

/** The scrollTop that brings a row fully into view (unchanged when it already is). */
export function scrollToRow(row: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const top = row * rowHeight
  if (top < scrollTop) return top
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight
  return scrollTop
}
