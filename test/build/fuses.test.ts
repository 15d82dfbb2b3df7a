// The packaging config keeps Electron's fuses locked: it cannot be packaged on this machine,
// so the test holds the config itself to the list (electron-builder applies it when it packs).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const CONFIG = fileURLToPath(new URL('../../electron-builder.yml', import.meta.url))

/** The `key: value` lines of one top-level block of the YAML file. */
function block(text: string, name: string): Record<string, string> {
  const lines = text.split('\n')
  const start = lines.findIndex((line) => line === `${name}:`)
  if (start < 0) return {}
  const out: Record<string, string> = {}
  for (const line of lines.slice(start + 1)) {
    if (!/^\s/.test(line) || line.trim() === '') break
    const m = /^\s+([A-Za-z]+):\s*(\S+)\s*(#.*)?$/.exec(line)
    if (m) out[m[1]] = m[2]
  }
  return out
}

describe('Electron fuses in electron-builder.yml', () => {
  it('turn off run-as-node, NODE_OPTIONS and inspect, and turn on cookie encryption and asar integrity', () => {
    expect(block(readFileSync(CONFIG, 'utf8'), 'electronFuses')).toEqual({
      runAsNode: 'false',
      enableCookieEncryption: 'true',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      grantFileProtocolExtraPrivileges: 'false'
    })
  })
})
