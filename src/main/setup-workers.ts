// The training worker bundle: electron-vite builds src/engine/worker/entry.ts separately and
// hands main its path; each run forks it as a utility process (only after 'ready').
import workerPath from '../engine/worker/entry?modulePath'
import type { WorkerSpawner } from './services/run-manager-types'
import { createUtilitySpawner } from './utility-spawner'

export function setupWorkers(): WorkerSpawner {
  return createUtilitySpawner(workerPath)
}
