// Debian's Chromium, driven by playwright-core (which downloads no browser of its own).
import { existsSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'

export const CHROMIUM_MISSING = 'Chromium not found: apt-get install -y chromium, or set CHROMIUM_PATH'

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const path = env['CHROMIUM_PATH'] || '/usr/bin/chromium'
  if (!existsSync(path)) throw new Error(CHROMIUM_MISSING)
  return path
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

/**
 * A fresh profile every time, so no state leaks between runs. `locale` is the OS locale the
 * page sees (navigator.language), which the app follows until Settings picks a language.
 */
export async function launchChromium(locale = 'en-US'): Promise<{ context: BrowserContext; userDataDir: string }> {
  const executablePath = findChromium()
  const userDataDir = await mkdtemp(join(tmpdir(), 'pseudoscope-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [...ARGS, `--lang=${locale}`],
    locale,
    viewport: { width: 1280, height: 820 }
  })
  return { context, userDataDir }
}
