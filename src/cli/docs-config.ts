// `npm run docs:config`: rewrites the README's config reference from the schema.
// `npm run docs:config -- --check` changes nothing and exits 1 when the README is stale.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { withConfigReference } from '../shared/config/config-reference'

const README = fileURLToPath(new URL('../../README.md', import.meta.url))

const current = readFileSync(README, 'utf8')
const next = withConfigReference(current)
if (process.argv.includes('--check')) {
  if (next !== current) {
    process.stderr.write('docs:config: README.md\'s config reference is stale; run npm run docs:config\n')
    process.exit(1)
  }
  process.stdout.write('docs:config: README.md\'s config reference is current\n')
} else if (next !== current) {
  writeFileSync(README, next)
  process.stdout.write('docs:config: README.md\'s config reference rewritten\n')
} else {
  process.stdout.write('docs:config: README.md\'s config reference is current\n')
}
