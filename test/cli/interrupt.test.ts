import { describe, expect, it } from 'vitest'
import { Interrupt, signalExitCode } from '../../src/cli/interrupt'

function harness() {
  let now = 0
  const firsts: string[] = []
  const exits: number[] = []
  const interrupt = new Interrupt({ onFirst: (s) => firsts.push(s), exitNow: (c) => exits.push(c), now: () => now })
  return { interrupt, firsts, exits, advance: (ms: number) => (now += ms) }
}

describe('Interrupt', () => {
  it('exit codes are 128 + the signal number', () => {
    expect(signalExitCode('SIGINT')).toBe(130)
    expect(signalExitCode('SIGTERM')).toBe(143)
  })

  it('treats the copy npm forwards of one ^C as the same keypress', () => {
    const h = harness()
    expect(h.interrupt.exitCode).toBeNull()
    h.interrupt.receive('SIGINT')
    h.advance(5)
    h.interrupt.receive('SIGINT')
    expect(h.firsts).toEqual(['SIGINT'])
    expect(h.exits).toEqual([])
    expect(h.interrupt.exitCode).toBe(130)
  })

  it('quits at once on a later, deliberate second signal', () => {
    const h = harness()
    h.interrupt.receive('SIGTERM')
    h.advance(1500)
    h.interrupt.receive('SIGINT')
    expect(h.firsts).toEqual(['SIGTERM'])
    expect(h.exits).toEqual([130])
    expect(h.interrupt.exitCode).toBe(143)
  })
})
