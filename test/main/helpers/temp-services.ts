// The real services on temp folders (what main and the e2e harness build), for Node tests.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { EventChannel } from '../../../src/shared/contract'
import type { ShellPorts } from '../../../src/main/ipc/handler-types'
import { NodeChildSpawner } from '../../../src/main/services/node-child-spawner'
import { createServices, type AppServices } from '../../../src/main/services/services'

export interface TempServices {
  services: AppServices
  dir: string
  events: { event: EventChannel; payload: unknown }[]
  picks: { title: string; directory: boolean }[]
  dispose(): Promise<void>
}

/** `answer` is what main's dialogs return (a function: asked on every dialog). */
export function tempServices(answer: string | null | (() => string | null) = null): TempServices {
  const pick = (): string | null => (typeof answer === 'function' ? answer() : answer)
  const dir = mkdtempSync(join(tmpdir(), 'pseudoscope-main-'))
  const events: TempServices['events'] = []
  const picks: TempServices['picks'] = []
  const shell: ShellPorts = {
    pickOpenPath: async ({ title, directory }) => {
      picks.push({ title, directory })
      return pick()
    },
    pickSavePath: async ({ title }) => {
      picks.push({ title, directory: false })
      return pick()
    },
    trash: async (path) => rmSync(path, { recursive: true, force: true })
  }
  const services = createServices({
    userDataDir: join(dir, 'user-data'),
    spawner: new NodeChildSpawner(),
    events: (event, payload) => events.push({ event, payload }),
    shell,
    imageBaseUrl: 'pseudoscope://',
    app: { name: 'pseudoscope', version: '0.0.0-test' }
  })
  return {
    services,
    dir,
    events,
    picks,
    async dispose() {
      await services.shutdown(2000)
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
