import { getCurrentScope, onScopeDispose } from 'vue'

/**
 * Calls `cb` every `ms` milliseconds for the lifetime of the calling
 * component (or effect scope), skipping the calls that fall while the window
 * is hidden. For figures Go recomputes on every read, such as SLA time left.
 */
export function useEvery(ms: number, cb: () => void): () => void {
  let timer: ReturnType<typeof setInterval> | undefined = setInterval(() => {
    if (typeof document !== 'undefined' && document.hidden) return
    cb()
  }, ms)
  const stop = () => {
    if (timer !== undefined) {
      clearInterval(timer)
      timer = undefined
    }
  }
  if (getCurrentScope()) onScopeDispose(stop)
  return stop
}
