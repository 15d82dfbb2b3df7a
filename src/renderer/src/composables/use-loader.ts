// An async value with its loading and error state; the latest call wins.
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import type { AppErrorPayload } from '../../../shared/errors'
import { errorPayload } from '../lib/error-text'

export interface Loader<T, A extends unknown[]> {
  data: ShallowRef<T | null>
  loading: Ref<boolean>
  error: Ref<AppErrorPayload | null>
  run(...args: A): Promise<T | null>
}

export function useLoader<T, A extends unknown[]>(fn: (...args: A) => Promise<T>): Loader<T, A> {
  const data = shallowRef<T | null>(null)
  const loading = ref(false)
  const error = ref<AppErrorPayload | null>(null)
  let ticket = 0
  async function run(...args: A): Promise<T | null> {
    const mine = ++ticket
    loading.value = true
    error.value = null
    try {
      const value = await fn(...args)
      if (mine === ticket) data.value = value
      return value
    } catch (e) {
      if (mine === ticket) error.value = errorPayload(e)
      return null
    } finally {
      if (mine === ticket) loading.value = false
    }
  }
  return { data, loading, error, run }
}
