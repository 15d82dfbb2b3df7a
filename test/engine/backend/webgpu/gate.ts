// Whether the webgpu tests can run here. Without an adapter they are skipped with the reason,
// except in CI (CI=true), where .ci/run installs Mesa lavapipe: there a missing adapter fails.
import { describe, it } from 'vitest'
import { probeWebgpu } from '../../../../src/engine/backend/webgpu-probe'

const probe = await probeWebgpu()

export const HAS_ADAPTER = probe.kind === 'adapter'
const reason = probe.kind === 'adapter' ? '' : probe.detail

export function describeWebgpu(name: string, body: () => void): void {
  if (HAS_ADAPTER) {
    describe(name, body)
    return
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has a WebGPU adapter (CI installs Mesa lavapipe from bookworm-backports)', () => {
        throw new Error(`no WebGPU adapter in CI: ${reason}`)
      })
    })
    return
  }
  console.warn(`webgpu tests skipped: no WebGPU adapter here (${reason})`)
  describe.skip(`${name} (skipped: no WebGPU adapter: ${reason})`, body)
}
