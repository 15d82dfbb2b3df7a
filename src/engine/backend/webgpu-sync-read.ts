// Synchronous GPU-to-CPU reads for tfjs-backend-webgpu under Node. Its readSync copies
// through an OffscreenCanvas, which exists only in browsers, and the FixMatch step reads
// values mid-tape (dataSync). Dawn for Node resolves a buffer map only when it processes
// its events, which it schedules through the global setImmediate; so capture that tick
// (installDawnTickCapture, before Dawn is created) and run it here until the map is done.

type Tick = () => void

let tick: Tick | null = null
let installed = false

/** Wraps setImmediate to remember Dawn's native event tick; every call still goes through. */
export function installDawnTickCapture(): void {
  if (installed) return
  installed = true
  const original = globalThis.setImmediate
  const capture = function (this: unknown, callback: unknown, ...args: unknown[]) {
    // Dawn's tick is an anonymous native N-API function; JavaScript callbacks are left alone.
    if (typeof callback === 'function' && callback.name === '' && Function.prototype.toString.call(callback).includes('[native code]')) {
      tick = callback as Tick
    }
    return (original as (...a: unknown[]) => NodeJS.Immediate).call(this, callback, ...args)
  }
  Object.defineProperties(capture, Object.getOwnPropertyDescriptors(original))
  globalThis.setImmediate = capture as typeof setImmediate
}

const sleeper = new Int32Array(new SharedArrayBuffer(4))

/** The parts of a GPUBuffer a synchronous map uses. */
export interface MappableBuffer {
  readonly mapState: string
  mapAsync(mode: number, offset?: number, size?: number): Promise<void>
  getMappedRange(offset?: number, size?: number): ArrayBuffer
  unmap(): void
}

/**
 * Maps a MAP_READ buffer (its copy already submitted) and returns a copy of its bytes,
 * blocking this thread until the GPU is done. Sleeps between ticks so a software GPU's
 * worker threads keep the cores.
 */
export function mapReadSync(buffer: MappableBuffer, mapRead: number, timeoutMs = 30 * 60_000): ArrayBuffer {
  let failure: unknown = null
  buffer.mapAsync(mapRead).catch((error: unknown) => {
    failure = error
  })
  const started = performance.now()
  let waitMs = 0.05
  while (buffer.mapState === 'pending') {
    if (tick === null) throw new Error('WebGPU synchronous read: Dawn\'s event tick was not captured (installDawnTickCapture must run before Dawn is created)')
    tick()
    if (buffer.mapState !== 'pending') break
    if (performance.now() - started > timeoutMs) throw new Error(`WebGPU synchronous read: the GPU did not finish within ${timeoutMs / 1000} s`)
    Atomics.wait(sleeper, 0, 0, waitMs)
    waitMs = Math.min(2, waitMs * 2)
  }
  if (buffer.mapState !== 'mapped') {
    throw new Error(`WebGPU synchronous read: mapping failed${failure === null ? '' : `: ${String(failure)}`}`)
  }
  const bytes = buffer.getMappedRange().slice(0)
  buffer.unmap()
  return bytes
}
