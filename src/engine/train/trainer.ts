// The run loop (DESIGN.md sections 4-6): backend, dataset, split, batches, FixMatch steps,
// per-step diagnostics with the hidden labels, evaluation, sweeps, checkpoints, commands.
// Events go out through `emit`; the session folder is written through SessionWriter.
import { toErrorPayload } from '../../shared/errors'
import type { ExperimentConfig } from '../../shared/config/experiment-config'
import type { StepMetrics } from '../../shared/metrics'
import type { SeedingVersion } from '../../shared/rng'
import type { WorkerEvent } from '../../shared/worker-protocol'
import { ablationOf, isOracle } from '../../shared/config/ablation'
import { computeStepDiagnostics } from '../diagnostics/step-diagnostics'
import { stepAblation } from '../algorithms/oracle-ablation'
import { saveCheckpoint } from './checkpoint'
import { evaluateTest, yieldToEventLoop } from './evaluate'
import { explainEngineError } from './engine-errors'
import { feedViews, imagesPerStep } from './batch-feed'
import { fixmatchStep } from './fixmatch-step'
import { RunControl, type StopReason } from './run-control'
import { defaultDeps, setUpRun, type Run, type TrainerDeps } from './run-setup'
import { learningRate } from './schedule'
import { snapshotWithSweep } from './snapshot'
import { runSweep } from './sweep-pass'

export { defaultDeps, type TrainerDeps } from './run-setup'

export interface TrainerOptions {
  config: ExperimentConfig
  sessionDir: string
  /** Continue from the session's checkpoint as a new segment. */
  resume: boolean
  emit(event: WorkerEvent): void
  deps?: Partial<TrainerDeps>
  /** Least time between batched metrics/progress events (ms). */
  eventIntervalMs?: number
  /** The seeding rule of a new session (default: the current one); tests make version-1 sessions with 1. */
  seeding?: SeedingVersion
}

export type RunOutcome = { status: 'finished' | 'stopped'; step: number }

export class Trainer {
  private readonly control = new RunControl()
  private readonly deps: TrainerDeps
  private pending: StepMetrics[] = []
  private lastEmit = 0

  constructor(private readonly options: TrainerOptions) {
    this.deps = { ...defaultDeps, ...options.deps }
  }

  pause(): void {
    this.control.pause()
  }
  resume(): void {
    this.control.resume()
  }
  stop(reason: StopReason = 'user'): void {
    this.control.stop(reason)
  }
  sweepNow(): void {
    this.control.requestSweep()
  }

  async run(): Promise<RunOutcome> {
    const run = await setUpRun(this.options, this.deps)
    try {
      return await this.loop(run)
    } catch (caught) {
      const error = explainEngineError(caught, {
        backend: run.backend.name,
        step: run.step + 1,
        arch: run.config.model.arch,
        imagesPerStep: imagesPerStep(run.config.batch, run.strategy.forward)
      })
      const payload = toErrorPayload(error)
      await run.writer.endSegment(run.step, 'failed', { code: payload.code, message: payload.message }).catch(() => undefined)
      throw error
    } finally {
      await run.writer.close().catch(() => undefined)
      run.model.dispose()
      run.optimizer.dispose()
      run.ema?.dispose()
    }
  }

  private async loop(run: Run): Promise<RunOutcome> {
    const { config } = run
    const { schedule } = run
    const numClasses = run.model.options.numClasses
    const views = feedViews(run.strategy)
    const images = imagesPerStep(config.batch, run.strategy.forward)
    const startStep = run.step
    const t0 = performance.now()
    const ablation = ablationOf(config)
    while (run.step < config.steps) {
      await yieldToEventLoop()
      await this.handleCommands(run)
      if (this.control.stopping) return this.finish(run, 'stopped')
      const started = performance.now()
      const step = run.step + 1
      const lr = learningRate(run.step, schedule)
      const fed = run.feed.next(views)
      // The hidden labels meet the step's outputs here, for diagnostics only; an oracle
      // ablation run (and only it) hands them to the step as well.
      const trueLabel = Int32Array.from(fed.unlabeledIndices, (i) => run.dataset.train.labels[i])
      const ablate = isOracle(ablation.mode) ? stepAblation(ablation, trueLabel, numClasses, config.seed, step) : undefined
      const out = fixmatchStep(
        { model: run.model, optimizer: run.optimizer, ema: run.ema, strategy: run.strategy },
        fed.batch,
        { temperature: config.algorithm.temperature, lambdaU: config.algorithm.lambdaU, lr, step, ablate }
      )
      const diag = computeStepDiagnostics({ pseudoLabel: out.pseudo, confidence: out.confidence, mask: out.mask, weight: out.weight, trueLabel, numClasses })
      run.tracker.update(fed.batch.unlabeledPositions, out.pseudo, out.confidence, out.mask, step)
      run.step = step
      const record: StepMetrics = {
        step,
        time: Date.now(),
        segment: run.segment,
        lr,
        lossX: out.lossX,
        lossU: out.lossU,
        loss: out.loss,
        ...diag,
        stepMs: performance.now() - started,
        ...(out.rule.kind === 'class-thresholds' ? { classThresholds: out.rule.thresholds } : {}),
        ...(out.ablationChanged !== null ? { ablationChanged: out.ablationChanged } : {})
      }
      run.writer.appendMetrics([record])
      this.pending.push(record)
      const elapsed = (performance.now() - t0) / 1000
      const stepsPerSec = (step - startStep) / Math.max(elapsed, 1e-9)
      this.emitMetrics(run, { stepsPerSec, imagesPerSec: stepsPerSec * images }, step === config.steps)
      if (step % config.evalInterval === 0 || step === config.steps) await this.evaluate(run)
      if ((config.sweepInterval > 0 && step % config.sweepInterval === 0) || step === config.steps) await this.sweep(run)
      if (config.checkpointInterval > 0 && step % config.checkpointInterval === 0 && step !== config.steps) await this.checkpoint(run)
    }
    return this.finish(run, 'finished')
  }

  private async handleCommands(run: Run): Promise<void> {
    if (this.control.sweepRequested) await this.sweep(run)
    if (!this.control.paused || this.control.stopping) return
    this.flushEvents()
    await run.writer.updateManifest({ status: 'paused' })
    this.options.emit({ type: 'paused', step: run.step })
    while (this.control.paused && !this.control.stopping) {
      if (this.control.sweepRequested) await this.sweep(run)
      else await this.control.nextCommand()
    }
    if (!this.control.stopping) {
      await run.writer.updateManifest({ status: 'running' })
      this.options.emit({ type: 'resumed', step: run.step })
    }
  }

  private emitMetrics(run: Run, rate: { stepsPerSec: number; imagesPerSec: number }, force: boolean): void {
    const now = performance.now()
    if (!force && now - this.lastEmit < (this.options.eventIntervalMs ?? 200)) return
    this.lastEmit = now
    const remaining = run.config.steps - run.step
    this.flushEvents()
    this.options.emit({
      type: 'progress',
      progress: {
        step: run.step,
        totalSteps: run.config.steps,
        ...rate,
        etaSec: rate.stepsPerSec > 0 ? remaining / rate.stepsPerSec : null
      }
    })
  }

  private flushEvents(): void {
    if (this.pending.length === 0) return
    this.options.emit({ type: 'metrics', records: this.pending })
    this.pending = []
  }

  private async evaluate(run: Run): Promise<void> {
    const raw = await evaluateTest(run.model, run.dataset)
    const ema = run.ema ? await run.ema.withEmaWeightsAsync(() => evaluateTest(run.model, run.dataset)) : null
    const record = {
      step: run.step,
      time: Date.now(),
      testAcc: raw.accuracy,
      testLoss: raw.loss,
      emaTestAcc: ema ? ema.accuracy : null,
      emaTestLoss: ema ? ema.loss : null,
      testSamples: raw.samples,
      classTestAcc: raw.classAccuracy,
      ...(ema ? { emaClassTestAcc: ema.classAccuracy } : {})
    }
    await run.writer.appendEval(record)
    this.flushEvents()
    this.options.emit({ type: 'eval', record })
  }

  private async sweep(run: Run): Promise<void> {
    this.control.sweepRequested = false
    const { record, pseudoLabel, confidence } = await runSweep(run)
    await run.writer.appendSweep(record)
    await run.writer.writeSweepArrays(run.step, record.model, { pseudoLabel, confidence })
    await run.writer.writeSampleSnapshot(snapshotWithSweep(run.tracker.snapshot(run.step), pseudoLabel, confidence))
    this.flushEvents()
    this.options.emit({ type: 'sweep', record })
    this.options.emit({ type: 'samples', step: run.step })
  }

  private async checkpoint(run: Run): Promise<void> {
    const state = { step: run.step, ...run.feed.getState(), strategy: run.strategy.getState() }
    // Every record up to the checkpoint must be on disk before the manifest names it:
    // a worker killed right after would otherwise resume with a gap in metrics.jsonl.
    await run.writer.flush()
    await saveCheckpoint(run.writer.dir, { model: run.model, optimizer: run.optimizer, ema: run.ema }, state, run.tracker.snapshot(run.step))
    await run.writer.updateManifest({ checkpointStep: run.step })
    this.options.emit({ type: 'checkpoint', step: run.step })
  }

  private async finish(run: Run, status: 'finished' | 'stopped'): Promise<RunOutcome> {
    this.flushEvents()
    await this.checkpoint(run)
    await run.writer.endSegment(run.step, status)
    this.options.emit({ type: 'done', status, step: run.step })
    return { status, step: run.step }
  }
}


