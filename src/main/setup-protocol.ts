// The privileged 'pseudoscope:' scheme: the renderer itself at pseudoscope://app/ and the
// dataset images at every other host. Registered before 'ready' (Electron refuses it
// later), handled after.
import type { Protocol } from 'electron'
import { IMAGE_SCHEME } from './services/image-url'
import { APP_HOST } from './services/renderer-files'

/** What the protocol needs of services/renderer-files.ts. */
export interface RendererFileHandler {
  serve(pathname: string): Promise<Response>
}

/** What the protocol needs of services/image-service.ts: unknown paths answer 404. */
export interface ImageRequestHandler {
  handle(url: string): Promise<Response> | Response
}

export function registerImageScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: IMAGE_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

export function setupProtocol(protocol: Pick<Protocol, 'handle'>, images: ImageRequestHandler, renderer: RendererFileHandler | null): void {
  protocol.handle(IMAGE_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('method not allowed', { status: 405 })
    try {
      const url = new URL(request.url)
      if (url.host === APP_HOST) return renderer ? await renderer.serve(url.pathname) : new Response('not found', { status: 404 })
      return await images.handle(request.url)
    } catch (error) {
      console.error(`[protocol] ${request.url}:`, error)
      return new Response('image failed', { status: 500 })
    }
  })
}
