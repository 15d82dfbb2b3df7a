// Probes WebGPU without loading Dawn here: a short-lived child process loads the `webgpu`
// package, asks for an adapter and prints what it found. So Electron's main process (which
// probes for the settings view) never loads the addon or holds a GPU instance.
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { noAdapterHint, REQUESTED_LIMITS, type AdapterInfoLike } from './webgpu-adapter'

export const WEBGPU_PACKAGE = 'webgpu'
export const WEBGPU_INSTALL_HINT = 'not installed: npm install webgpu@0.6.2 @tensorflow/tfjs-backend-webgpu@4.22.0'

export type WebgpuProbeResult =
  | { kind: 'not-installed'; detail: string }
  | { kind: 'load-failed'; detail: string }
  | { kind: 'no-adapter'; detail: string }
  | { kind: 'adapter'; info: AdapterInfoLike; limits: Record<string, number> }

/** The `webgpu` package's entry, or null when it is not installed. */
export function resolveWebgpu(): string | null {
  try {
    return createRequire(import.meta.url).resolve(WEBGPU_PACKAGE)
  } catch {
    return null
  }
}

// Runs in the child (CommonJS; the package is ESM, hence import()). One JSON line.
const CHILD_SOURCE = `
const say = (o) => { process.stdout.write('\\n' + JSON.stringify(o) + '\\n'); process.exit(0) };
const text = (e) => String((e && e.message) || e);
import(process.env.PSEUDOSCOPE_WEBGPU_URL).then(async ({ create, globals }) => {
  let adapter;
  try {
    Object.assign(globalThis, globals);
    adapter = await create([]).requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return say({ kind: 'load-failed', detail: 'Dawn loaded but gave no navigator.gpu: ' + text(e) });
  }
  if (!adapter) return say({ kind: 'no-adapter' });
  const i = adapter.info || {};
  const info = { vendor: i.vendor, architecture: i.architecture, device: i.device, description: i.description,
    isFallbackAdapter: i.isFallbackAdapter === true || adapter.isFallbackAdapter === true };
  const limits = {};
  for (const name of JSON.parse(process.env.PSEUDOSCOPE_WEBGPU_LIMITS)) limits[name] = adapter.limits[name];
  say({ kind: 'adapter', info, limits });
}, (e) => say({ kind: 'load-failed', detail: 'the Dawn addon (webgpu package) failed to load: ' + text(e) }));
`

export function probeWebgpu(timeoutMs = 60_000): Promise<WebgpuProbeResult> {
  const main = resolveWebgpu()
  if (main === null) return Promise.resolve({ kind: 'not-installed', detail: WEBGPU_INSTALL_HINT })
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-e', CHILD_SOURCE],
      {
        timeout: timeoutMs,
        maxBuffer: 4 << 20,
        env: {
          ...process.env,
          ELECTRON_RUN_AS_NODE: '1',
          PSEUDOSCOPE_WEBGPU_URL: pathToFileURL(main).href,
          PSEUDOSCOPE_WEBGPU_LIMITS: JSON.stringify(REQUESTED_LIMITS)
        }
      },
      (error, stdout, stderr) => {
        const json = stdout.split('\n').reverse().find((line) => line.startsWith('{'))
        if (json !== undefined) {
          try {
            const parsed = JSON.parse(json) as WebgpuProbeResult
            resolve(parsed.kind === 'no-adapter' ? { kind: 'no-adapter', detail: noAdapterHint() } : parsed)
            return
          } catch {
            // fall through to the failure report
          }
        }
        const why = stderr.trim().split('\n').pop() || (error?.message ?? 'no output')
        resolve({ kind: 'load-failed', detail: `the webgpu probe failed: ${why}` })
      }
    )
  })
}
