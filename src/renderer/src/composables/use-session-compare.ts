// The sessions picked for comparison, each opened once. A session joins the map when its
// own load lands, on top of whatever landed meanwhile: replacing the map with a copy taken
// before the await dropped sessions picked while another was loading (the old race).
// A load in flight is not started again, and an error shows only while its session is picked.
import { computed, ref, shallowRef, watch } from 'vue'
import type { AppErrorPayload } from '../../../shared/errors'
import type { SessionData } from '../../../shared/sessions'
import { api } from '../api/client'
import { errorPayload } from '../lib/error-text'

export function useSessionCompare(sessionIds: () => readonly string[]) {
  const loaded = shallowRef<ReadonlyMap<string, SessionData>>(new Map())
  const errors = ref<Record<string, AppErrorPayload>>({})
  const inFlight = new Set<string>()

  async function load(id: string): Promise<void> {
    inFlight.add(id)
    try {
      const data = await api.sessions.open({ sessionId: id })
      loaded.value = new Map(loaded.value).set(id, data)
      delete errors.value[id]
    } catch (e) {
      errors.value[id] = errorPayload(e)
    } finally {
      inFlight.delete(id)
    }
  }

  watch(
    sessionIds,
    (ids) => Promise.all(ids.filter((id) => !loaded.value.has(id) && !inFlight.has(id)).map(load)),
    { immediate: true }
  )

  /** The picked sessions that have loaded, in pick order. */
  const sessions = computed(() => sessionIds().flatMap((id) => loaded.value.get(id) ?? []))
  const error = computed(() => sessionIds().map((id) => errors.value[id]).find((e) => e !== undefined) ?? null)
  /** Load the picked sessions that failed, again. */
  const retry = (): Promise<void[]> => Promise.all(sessionIds().filter((id) => errors.value[id] && !inFlight.has(id)).map(load))
  return { sessions, error, retry }
}
