// Serves the built renderer under pseudoscope://app/ (a privileged standard scheme instead
// of file://, so the page is its own origin and file:// grants it nothing). Only regular
// files below the renderer folder, named by plain path segments; every answer carries the CSP.
import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, join, sep } from 'node:path'

export const APP_HOST = 'app'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm'
}
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/

export class RendererFiles {
  constructor(
    private readonly root: string,
    private readonly csp: string
  ) {}

  /** `pathname` as in the URL ('/index.html', '/assets/x.js'); 404 for anything else. */
  async serve(pathname: string): Promise<Response> {
    const parts = pathname.replace(/^\//, '').split('/')
    const type = MIME[extname(pathname).toLowerCase()]
    if (!type || !parts.every((part) => SEGMENT.test(part))) return this.notFound()
    const root = await realpath(this.root).catch(() => null)
    const file = root ? await realpath(join(root, ...parts)).catch(() => null) : null
    // realpath: a symlink inside the folder may not lead out of it.
    if (!root || !file || !file.startsWith(root + sep)) return this.notFound()
    const info = await stat(file)
    if (!info.isFile()) return this.notFound()
    return new Response(new Uint8Array(await readFile(file)), { status: 200, headers: this.headers(type) })
  }

  private notFound(): Response {
    return new Response('not found', { status: 404, headers: this.headers('text/plain; charset=utf-8') })
  }

  private headers(type: string): Record<string, string> {
    return { 'content-type': type, 'content-security-policy': this.csp, 'x-content-type-options': 'nosniff' }
  }
}
