// Parses image URLs below the image base. Strict by construction: every segment must match
// a fixed pattern, so traversal ('..', encoded slashes, absolute paths) cannot even be named.
import { DATASET_IDS, type DatasetId } from '../../shared/config/experiment-config'
import type { DatasetSplitName } from '../../shared/datasets'

/** The app's URL scheme for dataset images ('pseudoscope://dataset/...'). */
export const IMAGE_SCHEME = 'pseudoscope'
const SCHEME_PREFIX = `${IMAGE_SCHEME}:`

const MAX_ATLAS_IMAGES = 1024
const MAX_SCALE = 8
const MAX_COLS = 256

export type ImageRequest =
  | { kind: 'image'; id: DatasetId; split: DatasetSplitName; index: number; scale: number }
  | { kind: 'atlas'; id: DatasetId; split: DatasetSplitName; indices: number[]; cols: number; scale: number }

export type ParsedImageUrl = { ok: true; request: ImageRequest } | { ok: false; status: 400 | 404; message: string }

const INDEX = /^(0|[1-9][0-9]{0,8})$/
const notFound = (message: string): ParsedImageUrl => ({ ok: false, status: 404, message })
const bad = (message: string): ParsedImageUrl => ({ ok: false, status: 400, message })

function intParam(params: URLSearchParams, name: string, min: number, max: number, fallback: number): number | null {
  const raw = params.get(name)
  if (raw === null) return fallback
  if (!INDEX.test(raw)) return null
  const value = Number(raw)
  return value >= min && value <= max ? value : null
}

/** Accepts 'pseudoscope://dataset/...', 'pseudoscope:///dataset/...' and a bare 'dataset/...'. */
export function parseImageUrl(url: string): ParsedImageUrl {
  const rest = url.startsWith(SCHEME_PREFIX) ? url.slice(SCHEME_PREFIX.length).replace(/^\/\//, '') : url
  const q = rest.indexOf('?')
  const path = (q < 0 ? rest : rest.slice(0, q)).replace(/^\//, '')
  const query = q < 0 ? '' : rest.slice(q + 1)
  if (/[%\\]/.test(path)) return notFound('encoded or backslashed paths are not served')
  const parts = path.split('/')
  const [root, id, third, fourth] = parts
  if (!(DATASET_IDS as readonly string[]).includes(id ?? '')) return notFound(`unknown dataset "${id ?? ''}"`)
  const datasetId = id as DatasetId
  const params = new URLSearchParams(query)
  const scale = intParam(params, 'scale', 1, MAX_SCALE, 1)
  if (scale === null) return bad(`scale must be an integer from 1 to ${MAX_SCALE}`)

  if (root === 'dataset' && parts.length === 4) {
    if (third !== 'train' && third !== 'test') return notFound(`unknown split "${third}"`)
    const m = /^(.*)\.png$/.exec(fourth)
    if (!m || !INDEX.test(m[1])) return notFound(`"${fourth}" is not <index>.png`)
    return { ok: true, request: { kind: 'image', id: datasetId, split: third, index: Number(m[1]), scale } }
  }
  if (root === 'atlas' && parts.length === 3) {
    const split = third === 'train.png' ? 'train' : third === 'test.png' ? 'test' : null
    if (!split) return notFound(`unknown atlas "${third}"`)
    const list = params.get('indices')
    if (!list) return bad('indices is required, e.g. ?indices=1,2,3')
    const items = list.split(',')
    if (items.length > MAX_ATLAS_IMAGES) return bad(`at most ${MAX_ATLAS_IMAGES} images per atlas, got ${items.length}`)
    if (!items.every((item) => INDEX.test(item))) return bad('indices must be non-negative integers separated by commas')
    const cols = intParam(params, 'cols', 1, MAX_COLS, 16)
    if (cols === null) return bad(`cols must be an integer from 1 to ${MAX_COLS}`)
    return { ok: true, request: { kind: 'atlas', id: datasetId, split, indices: items.map(Number), cols, scale } }
  }
  return notFound(`no image at "${path}"`)
}
