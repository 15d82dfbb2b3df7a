// Run as a child by select-webgpu.test.ts: selects webgpu and prints the outcome as one JSON
// line, so a test can start Dawn under an environment of its own (e.g. no Vulkan driver).
import { selectBackend } from '../../../../src/engine/backend/select'
import { toErrorPayload } from '../../../../src/shared/errors'

selectBackend('webgpu').then(
  (report) => {
    process.stdout.write(`\n${JSON.stringify({ ok: true, report })}\n`)
    process.exit(0)
  },
  (error: unknown) => {
    process.stdout.write(`\n${JSON.stringify({ ok: false, error: toErrorPayload(error) })}\n`)
    process.exit(0)
  }
)
