// The privileged 'pseudoscope:' scheme for dataset images. Registered before 'ready'
// (Electron refuses it later), handled after, by the image service alone.
import type { Protocol } from 'electron'
import { IMAGE_SCHEME } from './services/image-url'

/** What the protocol needs of services/image-service.ts: unknown paths answer 404. */
export interface ImageRequestHandler {
  handle(url: string): Promise<Response> | Response
}

export function registerImageScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: IMAGE_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

export function setupProtocol(protocol: Pick<Protocol, 'handle'>, images: ImageRequestHandler): void {
  protocol.handle(IMAGE_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('method not allowed', { status: 405 })
    try {
      return await images.handle(request.url)
    } catch (error) {
      console.error(`[protocol] ${request.url}:`, error)
      return new Response('image failed', { status: 500 })
    }
  })
}
