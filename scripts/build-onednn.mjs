// `npm run build:onednn` (and `npm ci`, through postinstall with --optional): compiles
// native/onednn/conv.cc into native/onednn/build/pseudoscope-onednn.node, the convolutions the
// wasm backend runs on oneDNN. Needs a C++ compiler, Node's headers and oneDNN 2.x
// (Debian: apt-get install g++ libdnnl-dev). With --optional a missing part is one line
// saying what is missing, and training runs on the wasm kernels instead.
// Plain JS: postinstall runs before anything else could be built.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const optional = process.argv.includes('--optional')
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const source = path.join(root, 'native', 'onednn', 'conv.cc')
const outDir = path.join(root, 'native', 'onednn', 'build')
const out = path.join(outDir, 'pseudoscope-onednn.node')
const compiler = process.env.CXX ?? 'g++'
// Node's headers: beside the binary (official tarballs, nvm) or /usr/include/node (Debian).
const nodeHeaders = [path.resolve(path.dirname(process.execPath), '..', 'include', 'node'), '/usr/include/node'].find((dir) =>
  existsSync(path.join(dir, 'node_api.h'))
)

function skip(why) {
  const message = `build-onednn: ${why}; convolutions will run on the wasm kernels (see docs/guide/getting-started.md)`
  if (!optional) {
    console.error(message)
    process.exit(1)
  }
  console.log(message)
  process.exit(0)
}

if (process.platform !== 'linux') skip(`not built on ${process.platform} (the build is written for Linux)`)
if (spawnSync(compiler, ['--version'], { stdio: 'ignore' }).status !== 0) skip(`no C++ compiler (${compiler})`)
if (nodeHeaders === undefined) skip("Node's headers (node_api.h) were not found")
const probe = spawnSync(compiler, ['-x', 'c++', '-E', '-'], { input: '#include <oneapi/dnnl/dnnl.hpp>\n', stdio: ['pipe', 'ignore', 'ignore'] })
if (probe.status !== 0) skip('oneDNN headers (oneapi/dnnl/dnnl.hpp) not found: apt-get install libdnnl-dev')

mkdirSync(outDir, { recursive: true })
const args = ['-O2', '-std=c++17', '-shared', '-fPIC', '-fopenmp', `-I${nodeHeaders}`, '-DNODE_GYP_MODULE_NAME=pseudoscope_onednn', source, '-ldnnl', '-o', out]
try {
  execFileSync(compiler, args, { stdio: 'inherit' })
} catch {
  skip(`${compiler} failed on ${path.relative(root, source)}`)
}
console.log(`build-onednn: wrote ${path.relative(root, out)}`)
