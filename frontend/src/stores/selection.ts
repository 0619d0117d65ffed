import { defineStore } from 'pinia'
import { computed, shallowRef, watch } from 'vue'
import { ticketApi } from '@/api'
import { useTicketQueueStore } from './ticketQueue'

/**
 * The tickets selected in the queue for a bulk action. A selection belongs to
 * one view: changing the view, a filter or the sort clears it. `toggle` is
 * what the `x` key calls for the row the keyboard is on.
 */
export const useSelectionStore = defineStore('selection', () => {
  const queue = useTicketQueueStore()
  const ids = shallowRef<ReadonlySet<string>>(new Set())
  /** The row a shift-click range starts from: the last one toggled. */
  const anchor = shallowRef<string | null>(null)
  /** Said when "select all" had to stop at the cap. */
  const notice = shallowRef('')
  const selectingAll = shallowRef(false)

  const count = computed(() => ids.value.size)
  const list = computed(() => [...ids.value])

  function isSelected(id: string): boolean {
    return ids.value.has(id)
  }

  function set(next: Set<string>) {
    ids.value = next
    if (next.size === 0) notice.value = ''
  }

  /** Selects or unselects one ticket, and makes it the start of the next range. */
  function toggle(id: string) {
    const next = new Set(ids.value)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    anchor.value = id
    set(next)
  }

  /**
   * Shift-click: selects every loaded row of the queue between the last
   * toggled row and `id` (both included), in the order the queue shows them.
   * Without a start it toggles `id` alone.
   */
  function selectRange(id: string) {
    const rows = queue.rows
    const from = anchor.value ? rows.findIndex((r) => r?.id === anchor.value) : -1
    const to = rows.findIndex((r) => r?.id === id)
    if (from < 0 || to < 0) {
      toggle(id)
      return
    }
    const next = new Set(ids.value)
    for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
      const r = rows[i]
      if (r) next.add(r.id)
    }
    anchor.value = id
    set(next)
  }

  /** Selects every ticket of the current view under its filters (not only the rows loaded), up to Go's cap. */
  async function selectAll(): Promise<void> {
    selectingAll.value = true
    try {
      const all = await ticketApi.listIds(queue.currentFilter())
      set(new Set(all.ids))
      notice.value = all.capped ? all.message : ''
    } finally {
      selectingAll.value = false
    }
  }

  function clear() {
    anchor.value = null
    set(new Set())
  }

  // A selection belongs to the view it was made in.
  watch(() => JSON.stringify(queue.currentFilter()), clear)

  return { ids, anchor, notice, selectingAll, count, list, isSelected, toggle, selectRange, selectAll, clear }
})
