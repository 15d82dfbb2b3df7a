// RandomSampler + drop_last over a fixed index list: a fresh permutation per epoch from its
// own generator. The state is the generator state at the start of the current epoch plus the
// position in it, so a resumed run regenerates the same permutation and continues exactly.
import { AppError } from '../../shared/errors'
import { Rng, type RngState } from '../../shared/rng'

export interface EpochSamplerState {
  size: number
  batchSize: number
  epoch: number
  position: number
  epochRngState: RngState
}

export class EpochSampler {
  private readonly indices: Int32Array
  private readonly batchSize: number
  private readonly rng: Rng
  private readonly perm: Int32Array
  private epochRngState: RngState
  private position = 0
  private epochCount = 0

  constructor(indices: Int32Array, batchSize: number, rng: Rng) {
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new AppError('invalid-config', `batch size must be a positive integer, got ${batchSize}`)
    }
    if (indices.length < batchSize) {
      throw new AppError(
        'invalid-config',
        `cannot draw batches of ${batchSize} from ${indices.length} samples without replacement (drop_last)`
      )
    }
    this.indices = indices
    this.batchSize = batchSize
    this.rng = rng
    this.perm = new Int32Array(indices.length)
    this.epochRngState = rng.getState()
    this.permute()
  }

  static fromState(indices: Int32Array, state: EpochSamplerState): EpochSampler {
    if (state.size !== indices.length) {
      throw new AppError('invalid-payload', `sampler state is for ${state.size} samples, not ${indices.length}`)
    }
    const sampler = new EpochSampler(indices, state.batchSize, Rng.fromState(state.epochRngState))
    if (!Number.isInteger(state.position) || state.position < 0 || state.position > indices.length) {
      throw new AppError('invalid-payload', `sampler position ${state.position} is out of range`)
    }
    sampler.position = state.position
    sampler.epochCount = state.epoch
    return sampler
  }

  getState(): EpochSamplerState {
    return {
      size: this.indices.length,
      batchSize: this.batchSize,
      epoch: this.epochCount,
      position: this.position,
      epochRngState: [...this.epochRngState] as RngState
    }
  }

  /** Completed epochs so far. */
  get epoch(): number {
    return this.epochCount
  }

  get batchesPerEpoch(): number {
    return Math.floor(this.indices.length / this.batchSize)
  }

  /** The next batch of indices (a fresh array the caller may keep). */
  next(): Int32Array {
    if (this.position + this.batchSize > this.indices.length) {
      this.epochCount++
      this.position = 0
      this.epochRngState = this.rng.getState()
      this.permute()
    }
    const batch = this.perm.slice(this.position, this.position + this.batchSize)
    this.position += this.batchSize
    return batch
  }

  private permute(): void {
    this.perm.set(this.indices)
    this.rng.shuffle(this.perm)
  }
}
