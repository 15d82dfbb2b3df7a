// SampleState arrives as typed arrays over Electron IPC, but a bridge that serializes
// (the browser harness) may hand plain arrays or index-keyed objects: accept all three.
import { SAMPLE_STATE_FIELDS, type SampleState } from '../../../shared/metrics'

type Ctor = { from(source: ArrayLike<number>): ArrayLike<number> }
const CTORS: Record<(typeof SAMPLE_STATE_FIELDS)[number], Ctor> = {
  datasetIndex: Int32Array,
  trueLabel: Int16Array,
  pseudoLabel: Int16Array,
  confidence: Float32Array,
  lastStep: Int32Array,
  timesSeen: Int32Array,
  timesMasked: Int32Array,
  timesMaskedWrong: Int32Array,
  flips: Int32Array
}

function arrayLike(value: unknown): ArrayLike<number> {
  if (ArrayBuffer.isView(value) || Array.isArray(value)) return value as ArrayLike<number>
  if (value && typeof value === 'object') {
    const obj = value as Record<string, number>
    const keys = Object.keys(obj)
    const out = new Array<number>(keys.length)
    for (let i = 0; i < keys.length; i++) out[i] = obj[i]
    return out
  }
  throw new Error('sample state: expected an array')
}

export function normalizeSampleState(raw: unknown): SampleState {
  const src = raw as Record<string, unknown>
  const out: Record<string, unknown> = { step: Number(src.step) }
  let n = -1
  for (const field of SAMPLE_STATE_FIELDS) {
    const values = arrayLike(src[field])
    const Typed = CTORS[field]
    out[field] = values instanceof (Typed as unknown as typeof Int32Array) ? values : Typed.from(values)
    if (n >= 0 && values.length !== n) throw new Error(`sample state: ${field} has ${values.length} entries, expected ${n}`)
    n = values.length
  }
  return out as unknown as SampleState
}
