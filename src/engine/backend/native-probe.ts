// Probes a native tfjs package (tfjs-node-gpu, tfjs-node) without loading it here: the
// package is resolved in this process (cheap, no side effects) and, when installed, loaded
// in a short-lived child process that runs one op and reports the device it used. So the
// Electron main process never ends up with libtensorflow and a 'tensorflow' backend.
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'

export type NativePackage = '@tensorflow/tfjs-node-gpu' | '@tensorflow/tfjs-node'

export type NativeProbeResult =
  | { installed: false; detail: string }
  | { installed: true; loaded: false; detail: string }
  | { installed: true; loaded: true; gpu: boolean; tfVersion: string | null }

export function resolveNative(pkg: NativePackage): string | null {
  try {
    return createRequire(import.meta.url).resolve(pkg)
  } catch {
    return null
  }
}

// Runs in the child; prints one JSON line. isUsingGpuDevice tells whether libtensorflow found
// CUDA: with the wrong CUDA version tfjs-node-gpu silently runs on the CPU (tfjs#8269).
const CHILD_SOURCE = `
const tf = require(process.env.PSEUDOSCOPE_NATIVE_MAIN);
const backend = tf.backend();
tf.tidy(() => tf.matMul(tf.ones([2, 2]), tf.ones([2, 2])).dataSync());
const binding = backend && backend.binding;
const gpu = !!(binding && typeof binding.isUsingGpuDevice === 'function' && binding.isUsingGpuDevice());
process.stdout.write('\\n' + JSON.stringify({ gpu, tfVersion: (binding && binding.TF_Version) || null }) + '\\n');
`

function lastLine(text: string): string {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line.length > 0)
  return lines.filter((line) => /error|cannot|not found|failed/i.test(line)).pop() ?? lines.pop() ?? ''
}

export function installHint(pkg: NativePackage): string {
  return pkg === '@tensorflow/tfjs-node-gpu'
    ? `not installed: npm install ${pkg}@4.22.0 (Linux or Windows x64 with CUDA 11.2 and cuDNN 8.1)`
    : `not installed: npm install ${pkg}@4.22.0`
}

export function probeNative(pkg: NativePackage, timeoutMs = 60_000): Promise<NativeProbeResult> {
  const main = resolveNative(pkg)
  if (main === null) return Promise.resolve({ installed: false, detail: installHint(pkg) })
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-e', CHILD_SOURCE],
      {
        timeout: timeoutMs,
        maxBuffer: 16 << 20,
        // Under Electron, execPath is the app binary: make it behave as plain Node.
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', PSEUDOSCOPE_NATIVE_MAIN: main, TF_CPP_MIN_LOG_LEVEL: '1' }
      },
      (error, stdout, stderr) => {
        const json = stdout.split('\n').reverse().find((line) => line.startsWith('{'))
        if (error === null && json !== undefined) {
          try {
            const parsed = JSON.parse(json) as { gpu: boolean; tfVersion: string | null }
            resolve({ installed: true, loaded: true, gpu: parsed.gpu === true, tfVersion: parsed.tfVersion ?? null })
            return
          } catch {
            // fall through to the failure report
          }
        }
        const why = lastLine(stderr) || (error?.message ?? 'no output')
        resolve({ installed: true, loaded: false, detail: `installed but failed to load: ${why}` })
      }
    )
  })
}
