// A user action (save, start, import…) with its busy flag and error: one at a time (a second
// click while busy is ignored), the error kept until the next try, retry repeats the last one.
import { ref, type Ref } from 'vue'
import type { AppErrorPayload } from '../../../shared/errors'
import { errorPayload } from '../lib/error-text'

export interface Action<A extends unknown[], T> {
  busy: Ref<boolean>
  error: Ref<AppErrorPayload | null>
  /** The result, or undefined when it failed (see error) or another call was busy. */
  run(...args: A): Promise<T | undefined>
  retry(): Promise<T | undefined>
  /** Show an error found before calling (a bad field), in the same place. */
  fail(error: unknown): void
  clear(): void
}

export function useAction<A extends unknown[], T>(fn: (...args: A) => Promise<T>): Action<A, T> {
  const busy = ref(false)
  const error = ref<AppErrorPayload | null>(null)
  let last: A | null = null
  async function run(...args: A): Promise<T | undefined> {
    if (busy.value) return undefined
    last = args
    busy.value = true
    error.value = null
    try {
      return await fn(...args)
    } catch (e) {
      error.value = errorPayload(e)
      return undefined
    } finally {
      busy.value = false
    }
  }
  return {
    busy,
    error,
    run,
    retry: () => (last ? run(...last) : Promise.resolve(undefined)),
    fail: (e) => {
      error.value = errorPayload(e)
    },
    clear: () => {
      error.value = null
    }
  }
}
