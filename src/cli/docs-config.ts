// `npm run docs:config`: rewrites the docs' config reference (docs/reference/config.md) from the schema.
// `npm run docs:config -- --check` changes nothing and exits 1 when the page is stale.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { withConfigReference } from '../shared/config/config-reference'

const PAGE = fileURLToPath(new URL('../../docs/reference/config.md', import.meta.url))
const NAME = 'docs/reference/config.md'

const current = readFileSync(PAGE, 'utf8')
const next = withConfigReference(current)
if (process.argv.includes('--check')) {
  if (next !== current) {
    process.stderr.write(`docs:config: ${NAME}'s config reference is stale; run npm run docs:config\n`)
    process.exit(1)
  }
  process.stdout.write(`docs:config: ${NAME}'s config reference is current\n`)
} else if (next !== current) {
  writeFileSync(PAGE, next)
  process.stdout.write(`docs:config: ${NAME}'s config reference rewritten\n`)
} else {
  process.stdout.write(`docs:config: ${NAME}'s config reference is current\n`)
}
