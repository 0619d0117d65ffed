import { EventsOn } from '../../wailsjs/runtime/runtime'
import type { ChangedEvent, ChangeTopic } from './types'

export const CHANGED_EVENT = 'deskline:changed'

/** Subscribes to a backend event; returns the function that cancels this one subscription. */
export function onBackendEvent(name: string, cb: (...data: unknown[]) => void): () => void {
  return EventsOn(name, cb)
}

/** Reads a `deskline:changed` payload defensively (the bridge gives untyped JSON). */
export function toChangedEvent(data: unknown): ChangedEvent {
  const o = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])
  return { topics: strings(o.topics) as ChangeTopic[], ticketIds: strings(o.ticketIds) }
}
