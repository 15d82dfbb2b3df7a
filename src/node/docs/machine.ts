// The machine a measurement ran on, as the generated docs tables state it.
import { cpus } from 'node:os'
import { z } from 'zod'

export const MachineSchema = z.object({
  /** os.cpus()'s model string, e.g. "AMD EPYC". */
  cpuModel: z.string(),
  /** os.cpus().length: logical CPUs (vCPUs on a VM). */
  logicalCpus: z.number().int().min(1)
})
export type Machine = z.infer<typeof MachineSchema>

export function thisMachine(): Machine {
  const list = cpus()
  return { cpuModel: list[0]?.model.trim() || 'unknown CPU', logicalCpus: Math.max(1, list.length) }
}

export const describeMachine = (m: Machine): string => `${m.cpuModel}, ${m.logicalCpus} logical CPU${m.logicalCpus === 1 ? '' : 's'}`

/** A date as the docs print it: 2026-12-05 17:40 UTC. */
export const utcMinute = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`
