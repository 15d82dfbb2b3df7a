import { describe, expect, it } from 'vitest'
import { buildConfig, parseCliArgs, UsageError } from '../../src/cli/args'

const build = (argv: string[], file: unknown = null) => buildConfig(parseCliArgs(argv), file)

describe('experiment CLI options', () => {
  it('starts from quick-mnist and applies the flag overrides', () => {
    const config = build(['--preset', 'quick-mnist', '--steps', '30', '--labels-per-class', '5', '--seed', '9', '--backend', 'cpu'])
    expect(config.name).toBe('Quick MNIST')
    expect(config.steps).toBe(30)
    expect(config.split.labelsPerClass).toBe(5)
    expect(config.seed).toBe(9)
    expect(config.backend).toBe('cpu')
    expect(config.algorithm.threshold).toBe(0.95)
  })

  it('--threads N is kept for the backend, not put in the config', () => {
    expect(parseCliArgs(['--threads', '3']).threads).toBe(3)
    expect(parseCliArgs([]).threads).toBeNull()
    expect(build(['--threads', '3'])).toEqual(build([]))
  })

  it('merges a config file over a preset, and validates a full config file alone', () => {
    expect(build(['--preset', 'quick-mnist'], { algorithm: { threshold: 0.8 } }).algorithm).toMatchObject({ threshold: 0.8, lambdaU: 1 })
    const full = build(['--preset', 'fixmatch-paper-cifar10-4000'])
    expect(build([], full).model.arch).toBe('wrn-28-2')
    expect(() => build([], { steps: 3 })).toThrow(/a --config file alone must be a complete config/)
  })

  it.each([
    [['--bogus'], /^unknown option '--bogus'$/],
    [['--steps'], /^Option '--steps <value>' argument missing$/],
    [['--steps', 'ten'], /--steps must be an integer/],
    [['--steps', '1.5'], /--steps must be an integer/],
    [['--preset', 'nope'], /unknown preset 'nope'/],
    [['--dataset', 'svhn'], /unknown dataset 'svhn'/],
    [['--backend', 'gpu'], /unknown backend 'gpu'/],
    [['--labels-per-class', '0'], /labels-per-class must be an integer >= 1/],
    [['--steps', '-3'], /--steps must be an integer >= 1, got -3/],
    [['--seed=-1'], /--seed must be an integer >= 0, got -1/],
    [['--threads', '0'], /--threads must be an integer >= 1, got 0/],
    [['--threads', '9'], /--threads must be at most 8 \(the wasm build's pool\), got 9/],
    [['--threads', 'all'], /--threads must be an integer, got 'all'/]
  ])('refuses %j clearly', (argv, message) => {
    expect(() => build(argv as string[])).toThrow(message)
  })

  it('refuses invalid config values with the field named', () => {
    expect(() => build([], { algorithm: { threshold: 1.5 } })).toThrow(UsageError)
    expect(() => build(['--preset', 'quick-mnist'], { algorithm: { threshold: 0 } })).toThrow(/algorithm.threshold: threshold must be in \(0, 1\]/)
    expect(() => build(['--preset', 'quick-mnist'], { optimizer: { lr: -0.1 } })).toThrow(/optimizer.lr: learning rate must be positive/)
  })
})
