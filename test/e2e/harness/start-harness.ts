// The app in a browser: the real services and handler table (as main builds them), the
// built renderer served over http, Debian's Chromium, and `window.pseudoscope` bound to
// the handler table through Playwright.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { Page } from 'playwright-core'
import { createHandlerTable } from '../../../src/main/handlers'
import type { HandlerTable, ShellPorts } from '../../../src/main/ipc/handler-types'
import { NodeChildSpawner } from '../../../src/main/services/node-child-spawner'
import { createServices, type AppServices, type ServiceOptions } from '../../../src/main/services/services'
import { launchChromium } from './chromium'
import { installPageBridge, pageEventSink } from './page-bridge'
import { IMAGE_PREFIX, rendererOutDir, startStaticServer } from './static-server'

export interface HarnessOptions {
  /** What the "pick a file/folder" dialogs answer (default: cancel). */
  pickPath?: (options: { title: string; directory: boolean }) => string | null
  /** Overrides for the services (e.g. a different spawner or probe). */
  services?: Partial<Pick<ServiceOptions, 'spawner' | 'probeBackends' | 'sessionsDir'>>
  /** The OS locale Chromium reports (default en-US); screenshots get a `-<language>` suffix unless English. */
  locale?: string
}

export interface Harness {
  page: Page
  services: AppServices
  table: HandlerTable
  origin: string
  tempDir: string
  /** test-results/<name>.png, or <name>-ko.png in a Korean harness. */
  screenshot(name: string): Promise<string>
  close(): Promise<void>
}

export const RESULTS_DIR = join(import.meta.dirname, '../../../test-results')

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const rendererDir = rendererOutDir()
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error(`${rendererDir}/index.html missing: run npm run build first`)
  const tempDir = await mkdtemp(join(tmpdir(), 'pseudoscope-e2e-'))
  const trashDir = join(tempDir, 'trash')
  const shell: ShellPorts = {
    pickOpenPath: async (request) => options.pickPath?.(request) ?? null,
    pickSavePath: async ({ defaultName }) => options.pickPath?.({ title: defaultName, directory: false }) ?? null,
    trash: async (path) => {
      await mkdir(trashDir, { recursive: true })
      await rename(path, join(trashDir, `${Date.now()}-${basename(path)}`))
    }
  }

  let pages: () => Page[] = () => []
  // The server starts first (its port is in imageBaseUrl); images resolve once services exist.
  let services: AppServices | null = null
  const server = await startStaticServer(rendererDir, {
    handle: (url) => (services ? services.images.handle(url) : new Response('starting', { status: 503 }))
  })
  services = createServices({
    userDataDir: join(tempDir, 'user-data'),
    sessionsDir: options.services?.sessionsDir ?? join(tempDir, 'sessions'),
    spawner: options.services?.spawner ?? new NodeChildSpawner(),
    events: pageEventSink(() => pages()),
    shell,
    imageBaseUrl: `${server.origin}${IMAGE_PREFIX}`,
    app: { name: 'pseudoscope', version: '0.1.0-e2e' },
    ...(options.services?.probeBackends ? { probeBackends: options.services.probeBackends } : {})
  })
  const table = createHandlerTable(services)

  const locale = options.locale ?? 'en-US'
  const suffix = locale.startsWith('en') ? '' : `-${locale.split('-')[0]}`
  const { context, userDataDir } = await launchChromium(locale)
  pages = () => context.pages()
  await installPageBridge(context, table)
  const page = context.pages()[0] ?? (await context.newPage())
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await page.goto(`${server.origin}/index.html`)

  const closeServer = server
  const live = services
  return {
    page,
    services: live,
    table,
    origin: server.origin,
    tempDir,
    async screenshot(name) {
      await mkdir(RESULTS_DIR, { recursive: true })
      const path = join(RESULTS_DIR, `${name}${suffix}.png`)
      await page.screenshot({ path })
      return path
    },
    async close() {
      await live.shutdown(5000).catch(() => undefined)
      await context.close().catch(() => undefined)
      await closeServer.close()
      await rm(userDataDir, { recursive: true, force: true })
      await rm(tempDir, { recursive: true, force: true })
      if (pageErrors.length > 0) console.warn(`[harness] page errors:\n${pageErrors.join('\n')}`)
    }
  }
}
