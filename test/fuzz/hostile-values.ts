// Hostile leaves for the fuzzers: what a compromised renderer or a colleague's folder puts
// where a name, a path or an option is expected. Paths and commands point at the sentinel,
// so anything they manage to create or run shows up as a file the test can see.
import fc from 'fast-check'

/** Strings an attacker tries, given the absolute path of a file that must never appear. */
export function hostileStrings(sentinel: string, outsideDir: string): string[] {
  const touch = `touch ${sentinel}`
  return [
    `-oProxyCommand=${touch}`,
    `-oProxyCommand=sh -c "${touch}"`,
    `ProxyCommand=${touch}`,
    `-oLocalCommand=${touch}`,
    '-oPermitLocalCommand=yes',
    `-oKnownHostsCommand=${touch}`,
    `-oMatch=exec "${touch}"`,
    `-F${outsideDir}/ssh_config`,
    '-F',
    `--output=${sentinel}`,
    `--error=${sentinel}`,
    `-o${sentinel}`,
    `--wrap=${touch}`,
    `--chdir=${outsideDir}`,
    `--export=ALL,LD_PRELOAD=${outsideDir}/evil.so`,
    '--',
    '-',
    sentinel,
    outsideDir,
    `${outsideDir}/`,
    '/',
    '/etc/passwd',
    '/dev/zero',
    '/root/.ssh',
    '..',
    '../..',
    '../../../../../../../../etc',
    `../../${sentinel.split('/').pop() ?? 'x'}`,
    './x',
    'a/b',
    'a\\..\\b',
    'CON',
    'x%jx%A%a%%',
    '%x%u%N',
    `$(${touch})`,
    `\`${touch}\``,
    `'; ${touch}; '`,
    'a\u0000b',
    '\u0000',
    '\u202etxt.exe',
    'ＡＢＣ',
    'İı',
    '😀'.repeat(40),
    ' ',
    '',
    'x'.repeat(300),
    'y'.repeat(5000),
    '.'.repeat(256)
  ]
}

/** A hostile string: one of the attacks, a generated one, or an attack joined to noise. */
export function hostileString(sentinel: string, outsideDir: string): fc.Arbitrary<string> {
  const attacks = fc.constantFrom(...hostileStrings(sentinel, outsideDir))
  // Plain names too, so one hostile leaf is not always hidden behind a refused neighbour.
  const plain = fc.stringMatching(/^[a-z][a-z0-9._-]{0,11}$/)
  return fc.oneof(
    { weight: 5, arbitrary: plain },
    { weight: 5, arbitrary: attacks },
    { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('-', '--', '../', '/', '%'), fc.string({ maxLength: 8 })).map(([a, b]) => a + b) }
  )
}

/** Values of the wrong type, for any leaf. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, false, 0, -1, 1e308, Number.NaN, Number.POSITIVE_INFINITY, [], {}, [[]], { __proto__: null }),
  fc.integer(),
  fc.double(),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 })
)
