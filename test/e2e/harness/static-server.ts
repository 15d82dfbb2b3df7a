// Serves the built renderer on 127.0.0.1 and `/pseudoscope/...` through the app's image
// service, the way main's protocol handler does for 'pseudoscope://'.
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { ImageRequestHandler } from '../../../src/main/setup-protocol'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm'
}

export const IMAGE_PREFIX = '/pseudoscope/'

export interface StaticServer {
  server: Server
  origin: string
  close(): Promise<void>
}

async function serveFile(root: string, pathname: string): Promise<{ status: number; type: string; body: Buffer | string }> {
  const relative = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname)).replace(/^[/\\]+/, '')
  const file = resolve(root, relative)
  if (file !== root && !file.startsWith(root + sep)) return { status: 404, type: 'text/plain', body: 'not found' }
  try {
    return { status: 200, type: TYPES[extname(file)] ?? 'application/octet-stream', body: await readFile(file) }
  } catch {
    return { status: 404, type: 'text/plain', body: 'not found' }
  }
}

export async function startStaticServer(rendererDir: string, images: ImageRequestHandler): Promise<StaticServer> {
  const root = resolve(rendererDir)
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1')
      if (url.pathname.startsWith(IMAGE_PREFIX)) {
        // The same handler as 'pseudoscope://<path>' in the app.
        const answer = await images.handle(`pseudoscope://${url.pathname.slice(IMAGE_PREFIX.length)}${url.search}`)
        response.writeHead(answer.status, Object.fromEntries(answer.headers.entries()))
        response.end(Buffer.from(await answer.arrayBuffer()))
        return
      }
      const file = await serveFile(root, url.pathname)
      response.writeHead(file.status, { 'content-type': file.type, 'cache-control': 'no-store' })
      response.end(file.body)
    })().catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' })
      response.end(String(error))
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    server,
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done()))
  }
}

export function rendererOutDir(): string {
  return join(import.meta.dirname, '../../../out/renderer')
}
