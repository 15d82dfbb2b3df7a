// Payload generators for every channel of the contract, aimed at the world's sentinel and
// outside folder. Ids may be '@run', '@session' or '@sweep': at call time they become the id
// of a real run, session or sweep, so handlers are reached past their lookups too.
import fc from 'fast-check'
import { INVOKE_CHANNELS, type InvokeChannel } from '../../src/shared/contract'
import { configLeaves } from './hostile-config'
import { hostileString, hostileStrings } from './hostile-values'
import type { FuzzWorld } from './fuzz-world'
import { payloadFor, type LeafSource } from './zod-arbitrary'

const ID_TOKENS = ['@run', '@session', '@sweep'] as const

/** Option lists (ssh's or sbatch's extra arguments): one attack aimed at that tool, or a mix. */
function optionList(tool: 'ssh' | 'sbatch', sentinel: string, outside: string): fc.Arbitrary<string[]> {
  const touch = `touch ${sentinel}`
  const aimed: string[][] =
    tool === 'ssh'
      ? [[`-oProxyCommand=${touch}`], ['-o', `ProxyCommand=${touch}`], ['-oPermitLocalCommand=yes', `-oLocalCommand=${touch}`], [`-oKnownHostsCommand=${touch}`], ['-F', `${outside}/ssh_config`], ['-E', sentinel], ['-p', '2222']]
      : [[`--output=${sentinel}`], ['--error', sentinel], [`-o${sentinel}`], ['-e', sentinel], [`--chdir=${outside}`], ['--mem=8G']]
  const anyOption = fc.constantFrom(...hostileStrings(sentinel, outside).filter((s) => s.startsWith('-'))).map((o) => [o])
  const one = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...aimed) }, { weight: 1, arbitrary: anyOption })
  return fc.oneof({ weight: 2, arbitrary: one }, { weight: 1, arbitrary: fc.array(one, { maxLength: 3 }).map((parts) => parts.flat()) })
}

export function leavesFor(world: Pick<FuzzWorld, 'sentinel' | 'outside'>): LeafSource {
  const string = fc.oneof({ weight: 8, arbitrary: hostileString(world.sentinel, world.outside) }, { weight: 1, arbitrary: fc.constantFrom(...ID_TOKENS) })
  const base = configLeaves(string)
  const sshOptions = optionList('ssh', world.sentinel, world.outside)
  const sbatchOptions = optionList('sbatch', world.sentinel, world.outside)
  return {
    ...base,
    override(path) {
      const last = path.at(-1)
      if (last === 'sshArgs') return sshOptions
      if (last === 'extraArgs') return sbatchOptions
      if (last === 'ssh') return fc.oneof(fc.constant(null), fc.constant('localhost'), string)
      return base.override?.(path)
    }
  }
}

export function payloadArbitrary(channel: InvokeChannel, leaves: LeafSource): fc.Arbitrary<unknown> {
  return payloadFor(INVOKE_CHANNELS[channel].request, leaves)
}

/** The payload with id tokens replaced by real ids (left as they are when there is none). */
export async function resolveIds(world: FuzzWorld, payload: unknown): Promise<unknown> {
  const text = JSON.stringify(payload) ?? ''
  if (!ID_TOKENS.some((token) => text.includes(`"${token}"`))) return payload
  const ids: Record<string, string | undefined> = {
    '@run': world.services.runs.list().at(-1)?.runId,
    '@session': (await world.services.sessions.list().catch(() => [])).at(0)?.id,
    '@sweep': (await world.services.sweeps.list().catch(() => ({ sweeps: [] }))).sweeps.at(0)?.id
  }
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return ids[value] ?? value
    if (Array.isArray(value)) return value.map(walk)
    if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]))
    }
    return value
  }
  return walk(payload)
}
