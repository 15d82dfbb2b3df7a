// Builds one augmented uint8 batch (B x H x W x C) from a split and train indices. Runs every
// step for ~900 images, so it works in two reusable scratch buffers and allocates only the output.
import type { Rng } from '../../shared/rng'
import type { ImageSplit } from '../../node/data/types'
import { flipPadCrop } from './geometry'
import type { Shape } from './pixel-ops'
import { randAugment, type RandAugmentVariant } from './randaugment'

export type AugmentKind = 'none' | 'weak' | 'strong'

export interface AugmentOptions extends Shape {
  /** Horizontal flip with p 0.5 in the weak part (off for digits). */
  flip: boolean
  variant: RandAugmentVariant
}

let scratchA = new Uint8Array(0)
let scratchB = new Uint8Array(0)

/** K's weak transform: flip (p 0.5, if enabled), reflect-pad int(side / 8) and random crop. */
export function weakInto(src: Uint8Array, dst: Uint8Array, opts: AugmentOptions, rng: Rng): void {
  const flip = opts.flip && rng.next() < 0.5
  const pad = Math.trunc(Math.min(opts.height, opts.width) * 0.125)
  // torchvision RandomCrop draws the top offset first, then the left one.
  const top = rng.int(0, 2 * pad + 1)
  const left = rng.int(0, 2 * pad + 1)
  flipPadCrop(src, dst, opts, flip, pad, top, left)
}

export function augmentBatch(split: ImageSplit, indices: Int32Array, kind: AugmentKind, rng: Rng, opts: AugmentOptions): Uint8Array {
  const size = opts.height * opts.width * opts.channels
  if (split.images.length !== split.count * size) {
    throw new RangeError(`split holds ${split.images.length} bytes, not ${split.count} images of ${size}`)
  }
  const out = new Uint8Array(indices.length * size)
  if (scratchA.length < size) {
    scratchA = new Uint8Array(size)
    scratchB = new Uint8Array(size)
  }
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i]
    if (!(index >= 0 && index < split.count)) throw new RangeError(`image index ${index} is outside 0..${split.count - 1}`)
    const src = split.images.subarray(index * size, (index + 1) * size)
    const dst = out.subarray(i * size, (i + 1) * size)
    if (kind === 'none') {
      dst.set(src)
    } else if (kind === 'weak') {
      weakInto(src, dst, opts, rng)
    } else {
      weakInto(src, scratchA, opts, rng)
      dst.set(randAugment(scratchA, scratchB, opts, rng, opts.variant).subarray(0, size))
    }
  }
  return out
}
