// Where dataset images live below AppInfo.imageBaseUrl, and how one atlas tile is cut out.
import type { DatasetSplitName } from '../../../shared/datasets'

function join(base: string, path: string): string {
  return base.endsWith('/') ? base + path : `${base}/${path}`
}

export function sampleImageUrl(base: string, datasetId: string, split: DatasetSplitName, index: number): string {
  return join(base, `dataset/${datasetId}/${split}/${index}.png`)
}

/** One PNG with the listed images in row-major order, `cols` per row. */
export function atlasUrl(base: string, datasetId: string, split: DatasetSplitName, indices: readonly number[], cols: number): string {
  return join(base, `atlas/${datasetId}/${split}.png?indices=${indices.join(',')}&cols=${cols}`)
}

/** CSS background size and position showing tile `slot` of an atlas with `count` tiles. */
export function atlasTileStyle(slot: number, count: number, cols: number): { backgroundSize: string; backgroundPosition: string } {
  const usedCols = Math.min(cols, Math.max(count, 1))
  const rows = Math.max(1, Math.ceil(count / cols))
  const col = slot % cols
  const row = Math.floor(slot / cols)
  const pos = (i: number, n: number): string => (n <= 1 ? '0%' : `${(i / (n - 1)) * 100}%`)
  return {
    backgroundSize: `${usedCols * 100}% ${rows * 100}%`,
    backgroundPosition: `${pos(col, usedCols)} ${pos(row, rows)}`
  }
}
