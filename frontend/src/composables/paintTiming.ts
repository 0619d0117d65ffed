import { nextTick } from 'vue'

// User timing for what people wait on (a filter's rows, search results).
// The measures are read by the end-to-end timing spec; nothing else depends
// on them, and they cost a mark and a measure per action.

/** Marks the moment the user asked for `name`. */
export function markStart(name: string): void {
  performance.mark(`${name}:start`)
}

/** Measures from the start mark to the first paint after the DOM has the answer. */
export async function measurePainted(name: string): Promise<void> {
  await nextTick()
  await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
  try {
    performance.measure(name, `${name}:start`)
  } catch {
    // No start mark (cleared, or never set): nothing to measure.
  }
}

/** Measures from the start mark to now, as `name:answer`: the part of the wait spent on Go's answer. */
export function measureAnswer(name: string): void {
  try {
    performance.measure(`${name}:answer`, `${name}:start`)
  } catch {
    // No start mark: nothing to measure.
  }
}
