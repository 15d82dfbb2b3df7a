// Serves dataset images as PNG from the in-memory datasets: one image, or an atlas of many
// (one request for a whole grid). Never touches the file system. Answers 404 for anything
// it does not know and 400 for malformed queries.
import type { DatasetId } from '../../shared/config/experiment-config'
import { AppError } from '../../shared/errors'
import { encodePng } from '../../node/data/png'
import type { ImageDataset, ImageSplit } from '../../node/data/types'
import { parseImageUrl, type ImageRequest } from './image-url'

export interface ImageResponse {
  status: number
  mimeType: string
  body: Uint8Array
}

export interface DatasetSource {
  getDataset(id: DatasetId): Promise<ImageDataset>
}

const text = (status: number, message: string): ImageResponse => ({
  status,
  mimeType: 'text/plain; charset=utf-8',
  body: new TextEncoder().encode(message)
})

/** Copies image `index` of `split`, upscaled by `scale` (nearest), into `out` at (x0, y0). */
function blit(ds: ImageDataset, split: ImageSplit, index: number, scale: number, out: Uint8Array, outWidth: number, x0: number, y0: number): void {
  const { height: h, width: w, channels: c } = ds
  const base = index * h * w * c
  for (let y = 0; y < h * scale; y++) {
    const srcRow = base + Math.floor(y / scale) * w * c
    let o = ((y0 + y) * outWidth + x0) * c
    for (let x = 0; x < w * scale; x++) {
      const s = srcRow + Math.floor(x / scale) * c
      for (let k = 0; k < c; k++) out[o++] = split.images[s + k]
    }
  }
}

/**
 * Most pixels one answer may hold: rendering runs on main's thread, and the URL's own limits
 * (1024 images, scale 8) would allow ~200 MiB of CIFAR pixels. 1024 CIFAR images at scale 2.
 */
export const MAX_IMAGE_PIXELS = 1024 * 32 * 32 * 4

export class ImageService {
  private readonly cache = new Map<string, ImageResponse>()
  private cachedBytes = 0

  /** The LRU keeps at most `cacheEntries` PNGs and `cacheBytes` bytes (atlases are large). */
  constructor(
    private readonly datasets: DatasetSource,
    private readonly cacheEntries = 512,
    private readonly cacheBytes = 64 * 1024 * 1024
  ) {}

  /** The answer as a fetch Response (what protocol.handle and the e2e harness expect). */
  async handle(url: string): Promise<Response> {
    const answer = await this.serve(url)
    return new Response(answer.body, {
      status: answer.status,
      headers: { 'content-type': answer.mimeType, 'cache-control': answer.status === 200 ? 'max-age=3600' : 'no-store' }
    })
  }

  /** The answer as plain data. */
  async serve(url: string): Promise<ImageResponse> {
    const parsed = parseImageUrl(url)
    if (!parsed.ok) return text(parsed.status, parsed.message)
    const key = JSON.stringify(parsed.request)
    const hit = this.cache.get(key)
    if (hit) {
      this.cache.delete(key)
      this.cache.set(key, hit)
      return hit
    }
    let ds: ImageDataset
    try {
      ds = await this.datasets.getDataset(parsed.request.id)
    } catch (error) {
      if (error instanceof AppError && (error.code === 'dataset-unavailable' || error.code === 'dataset-corrupt')) {
        return text(404, `${parsed.request.id} is not available: ${error.message}`)
      }
      throw error
    }
    const answer = this.render(ds, parsed.request)
    if (answer.status === 200 && answer.body.length <= this.cacheBytes) {
      this.cache.set(key, answer)
      this.cachedBytes += answer.body.length
      while (this.cache.size > this.cacheEntries || this.cachedBytes > this.cacheBytes) {
        const [oldest, entry] = this.cache.entries().next().value as [string, ImageResponse]
        this.cache.delete(oldest)
        this.cachedBytes -= entry.body.length
      }
    }
    return answer
  }

  private render(ds: ImageDataset, request: ImageRequest): ImageResponse {
    const split = ds[request.split]
    const indices = request.kind === 'image' ? [request.index] : request.indices
    const outside = indices.find((i) => i >= split.count)
    if (outside !== undefined) return text(404, `${request.split} image ${outside} is outside 0..${split.count - 1}`)
    const cols = request.kind === 'image' ? 1 : Math.min(request.cols, indices.length)
    const rows = Math.ceil(indices.length / cols)
    const tileW = ds.width * request.scale
    const tileH = ds.height * request.scale
    const width = cols * tileW
    if (width * rows * tileH > MAX_IMAGE_PIXELS) {
      return text(400, `${width}x${rows * tileH} pixels is more than one image may hold (${MAX_IMAGE_PIXELS}); ask for fewer images or a smaller scale`)
    }
    const pixels = new Uint8Array(width * rows * tileH * ds.channels)
    indices.forEach((index, slot) => blit(ds, split, index, request.scale, pixels, width, (slot % cols) * tileW, Math.floor(slot / cols) * tileH))
    const channels = ds.channels === 1 ? 1 : 3
    return { status: 200, mimeType: 'image/png', body: encodePng(pixels, width, rows * tileH, channels) }
  }
}
