// Child programs for ipc-transfer.bench.ts, as plain JavaScript text (written to a temp file
// or run as an eval'd worker thread), and the per-sample state they all build.
import type { SampleState } from '../src/shared/metrics'

const MAKE_STATE_JS = `
function makeSampleState(n, seed) {
  let s = seed >>> 0
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296)
  const ints = (f) => Int32Array.from({ length: n }, (_, i) => f(i))
  return {
    step: 1000,
    datasetIndex: ints((i) => i),
    trueLabel: Int16Array.from({ length: n }, () => Math.floor(next() * 10)),
    pseudoLabel: Int16Array.from({ length: n }, () => Math.floor(next() * 10)),
    confidence: Float32Array.from({ length: n }, () => next()),
    lastStep: ints(() => Math.floor(next() * 1000)),
    timesSeen: ints(() => Math.floor(next() * 20)),
    timesMasked: ints(() => Math.floor(next() * 10)),
    timesMaskedWrong: ints(() => Math.floor(next() * 5)),
    flips: ints(() => Math.floor(next() * 8))
  }
}`

export function makeSampleState(n: number, seed: number): SampleState {
  return new Function(`${MAKE_STATE_JS}; return makeSampleState(${n}, ${seed})`)() as SampleState
}

/** A worker_threads worker that posts its state on each 'send' (a structured clone each time). */
export const SAMPLE_THREAD = `
const { parentPort, workerData } = require('node:worker_threads')
${MAKE_STATE_JS}
const state = makeSampleState(workerData.n, 1)
parentPort.on('message', () => parentPort.postMessage(state))
`

/** A child process that sends its state over its IPC channel on each 'send'. */
export const SAMPLE_CHILD = `
${MAKE_STATE_JS}
const state = makeSampleState(Number(process.argv[2]), 1)
process.on('message', () => process.send(state))
`

/** Speaks the worker protocol, posting FLOOD_COUNT one-record metrics messages as fast as it can. */
export const FLOOD_CHILD = `
const count = Number(process.env.FLOOD_COUNT)
const record = (step) => ({ step, time: Date.now(), segment: 0, lr: 0.03, lossX: 1, lossU: 0.5, loss: 1.5, plAccAll: 0.4,
  maskRate: 0.2, plAccMasked: 0.9, confidentWrong: 1, maskedCount: 3, unlabeledBatch: 16, meanConfidence: 0.7, stepMs: 0,
  classPseudo: [1,2,3,4,5,6,7,8,9,0], classTrue: [1,2,3,4,5,6,7,8,9,0], classCorrect: [1,1,1,1,1,1,1,1,1,0] })
process.on('message', (cmd) => {
  if (cmd.type !== 'start') return
  process.send({ type: 'started', backend: { name: 'cpu', device: 'none', detail: 'flood' }, startStep: 0, segment: 0, numUnlabeled: 0 })
  for (let step = 1; step <= count; step++) process.send({ type: 'metrics', records: [record(step)] })
  process.send({ type: 'done', status: 'finished', step: count }, () => process.exit(0))
})
process.send({ type: 'ready', pid: process.pid })
`
