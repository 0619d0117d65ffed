import { getCurrentScope, onScopeDispose } from 'vue'
import { CHANGED_EVENT, onBackendEvent, toChangedEvent, type ChangedEvent, type ChangeTopic } from '@/api'

/**
 * Subscribes to a backend event for the lifetime of the calling component
 * (or effect scope) and cancels exactly this subscription when it ends.
 * Never EventsOff(name): that would drop every other listener of the name.
 */
export function useBackendEvent(name: string, cb: (...data: unknown[]) => void): () => void {
  let cancel: (() => void) | null = onBackendEvent(name, cb)
  const stop = () => {
    if (cancel) {
      cancel()
      cancel = null
    }
  }
  if (getCurrentScope()) onScopeDispose(stop)
  return stop
}

/** Calls `cb` when a `deskline:changed` event names one of `topics`. */
export function useDataChanged(topics: ChangeTopic[], cb: (event: ChangedEvent) => void): () => void {
  return useBackendEvent(CHANGED_EVENT, (data) => {
    const event = toChangedEvent(data)
    if (event.topics.some((t) => topics.includes(t))) cb(event)
  })
}
