// Before any e2e file: Chromium and the built renderer must be there. Say what to do in one
// line and stop, instead of a stack trace per test.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { findChromium } from './chromium'
import { rendererOutDir } from './static-server'

export default function setup(): void {
  try {
    findChromium()
  } catch (error) {
    console.error((error as Error).message)
    process.exit(1)
  }
  if (!existsSync(join(rendererOutDir(), 'index.html'))) {
    console.error('out/renderer is missing: run npm run build first')
    process.exit(1)
  }
}
