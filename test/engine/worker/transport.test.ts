import { afterEach, describe, expect, it } from 'vitest'
import { createTransport, parseCommand } from '../../../src/engine/worker/transport'
import type { WorkerEvent } from '../../../src/shared/worker-protocol'

type Listener = (message: { data: unknown }) => void
const host = process as unknown as { parentPort?: unknown }

describe('worker transport', () => {
  afterEach(() => {
    delete host.parentPort
  })

  it('speaks through process.parentPort in an Electron utility process: events posted, commands unwrapped from {data}', async () => {
    const posted: unknown[] = []
    let listener: Listener | null = null
    host.parentPort = {
      on: (_event: 'message', l: Listener) => (listener = l),
      postMessage: (message: unknown) => posted.push(message)
    }
    const transport = createTransport()
    expect(transport.kind).toBe('electron-utility')
    const received: unknown[] = []
    transport.onMessage((message) => received.push(parseCommand(message)))
    listener!({ data: { type: 'pause' } })
    const event: WorkerEvent = { type: 'paused', step: 3 }
    await transport.send(event)
    expect(received).toEqual([{ type: 'pause' }])
    expect(posted).toEqual([event])
  })

  it('refuses malformed commands with a message saying what is wrong', () => {
    expect(() => parseCommand({ type: 'explode' })).toThrow(/unknown worker command/)
    expect(() => parseCommand({ type: 'start', runId: 'r' })).toThrow(/needs a runId and a sessionDir/)
    expect(() => parseCommand({ type: 'start', runId: 'r', sessionDir: '/s', config: {}, resume: 'yes' })).toThrow(/needs resume true or false, got "yes"/)
    expect(parseCommand({ type: 'start', runId: 'r', sessionDir: '/s', config: {}, resume: false })).toMatchObject({ type: 'start', resume: false })
    expect(() => parseCommand({ type: 'stop', reason: 'whim' })).toThrow(/unknown reason/)
  })
})
