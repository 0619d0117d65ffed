import { defineStore } from 'pinia'
import { computed, reactive, ref, shallowRef, watch } from 'vue'
import {
  ticketApi,
  toAppError,
  type AppError,
  type TicketCounts,
  type TicketFilter,
  type SLAFilter,
  type TicketSort,
  type TicketSummary,
  type TicketView,
} from '@/api'
import { markStart, measureAnswer, measurePainted } from '@/composables/paintTiming'

export const PAGE_SIZE = 50

export interface QueueFilters {
  statuses: string[]
  assigneeIds: string[]
  subjectIds: string[]
  sourceIds: string[]
  priorities: string[]
}

function emptyFilters(): QueueFilters {
  return { statuses: [], assigneeIds: [], subjectIds: [], sourceIds: [], priorities: [] }
}

/** Page indexes that cover rows [first, last). */
export function pagesFor(first: number, last: number): number[] {
  const from = Math.max(0, Math.floor(first / PAGE_SIZE))
  const to = Math.max(from, Math.floor(Math.max(first, last - 1) / PAGE_SIZE))
  const out: number[] = []
  for (let p = from; p <= to; p++) out.push(p)
  return out
}

/**
 * The ticket queue. `rows` has one slot per ticket of the current view
 * (`null` until its page is fetched), so the virtual scroller knows the full
 * height while only the pages in sight are asked of Go, 50 at a time.
 */
export const useTicketQueueStore = defineStore('ticketQueue', () => {
  const view = ref<TicketView>('mine')
  const sort = ref<TicketSort>('updated')
  const filters = reactive<QueueFilters>(emptyFilters())
  const sla = ref<SLAFilter>('')
  /** Created-date range, local days as YYYY-MM-DD ("" for no bound). */
  const createdFrom = ref('')
  const createdTo = ref('')

  const rows = shallowRef<(TicketSummary | null)[]>([])
  const total = ref(0)
  const counts = ref<TicketCounts>({ mine: 0, all: 0 })
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<AppError | null>(null)
  /** Closed tickets (archived, left out of the queue) — asked for only when the queue is empty. */
  const archived = ref(0)

  const hasFilters = computed(
    () => sla.value !== '' || createdFrom.value !== '' || createdTo.value !== '' || Object.values(filters).some((v: string[]) => v.length > 0),
  )

  // Bumped by every new query or refresh; answers of an older one are dropped.
  let generation = 0
  // Pages asked for (in flight or arrived) under the current generation.
  const pages = new Set<number>()
  let visible = { first: 0, last: PAGE_SIZE }

  function query(offset: number): TicketFilter {
    return {
      view: view.value,
      statuses: [...filters.statuses],
      assigneeIds: [...filters.assigneeIds],
      subjectIds: [...filters.subjectIds],
      sourceIds: [...filters.sourceIds],
      priorities: [...filters.priorities],
      sla: sla.value,
      createdFrom: createdFrom.value,
      createdTo: createdTo.value,
      sort: sort.value,
      offset,
      limit: PAGE_SIZE,
    }
  }

  // Go leaves Closed tickets out unless the Status filter asks for them, so an
  // empty queue may still have an archive: find out, to say the right thing.
  async function checkArchive(gen: number) {
    if (total.value > 0 || hasFilters.value) {
      archived.value = 0
      return
    }
    try {
      const closed = await ticketApi.list({ ...query(0), statuses: ['closed'], limit: 1 })
      if (gen === generation) archived.value = closed.counts.all
    } catch {
      // Only the wording of the empty state depends on it.
    }
  }

  function place(target: (TicketSummary | null)[], page: number, pageRows: TicketSummary[]) {
    pageRows.forEach((r, i) => {
      const idx = page * PAGE_SIZE + i
      if (idx < target.length) target[idx] = r
    })
  }

  /** Starts the current query afresh from the top (filters, view or sort changed). */
  async function reload(): Promise<void> {
    markStart('queue-rows')
    const gen = ++generation
    pages.clear()
    pages.add(0)
    visible = { first: 0, last: PAGE_SIZE }
    loading.value = true
    try {
      const page = await ticketApi.list(query(0))
      if (gen !== generation) return
      measureAnswer('queue-rows')
      const next: (TicketSummary | null)[] = new Array(page.total).fill(null)
      place(next, 0, page.rows)
      rows.value = next
      total.value = page.total
      counts.value = page.counts
      error.value = null
      loaded.value = true
      void measurePainted('queue-rows')
      await checkArchive(gen)
    } catch (e) {
      if (gen !== generation) return
      pages.delete(0)
      error.value = toAppError(e)
    } finally {
      if (gen === generation) loading.value = false
    }
  }

  /** Re-reads the pages in sight, keeping the scroll position (data changed). */
  async function refresh(): Promise<void> {
    if (!loaded.value) return reload()
    const gen = ++generation
    const wanted = pagesFor(visible.first, visible.last)
    pages.clear()
    wanted.forEach((p) => pages.add(p))
    try {
      const results = await Promise.all(wanted.map((p) => ticketApi.list(query(p * PAGE_SIZE))))
      if (gen !== generation) return
      const last = results[results.length - 1]!
      const next: (TicketSummary | null)[] = new Array(last.total).fill(null)
      results.forEach((r, i) => place(next, wanted[i]!, r.rows))
      rows.value = next
      total.value = last.total
      counts.value = last.counts
      error.value = null
      await checkArchive(gen)
    } catch (e) {
      if (gen !== generation) return
      wanted.forEach((p) => pages.delete(p))
      error.value = toAppError(e)
    }
  }

  /** Called by the virtual scroller with the rows it is about to show. */
  async function ensureRange(first: number, last: number): Promise<void> {
    visible = { first, last }
    const gen = generation
    const missing = pagesFor(first, Math.min(last, rows.value.length)).filter((p) => !pages.has(p))
    await Promise.all(
      missing.map(async (p) => {
        pages.add(p)
        try {
          const page = await ticketApi.list(query(p * PAGE_SIZE))
          if (gen !== generation) return
          const next = rows.value.slice()
          next.length = page.total
          for (let i = rows.value.length; i < page.total; i++) next[i] = null
          place(next, p, page.rows)
          rows.value = next
          total.value = page.total
          counts.value = page.counts
        } catch (e) {
          if (gen === generation) {
            pages.delete(p)
            error.value = toAppError(e)
          }
        }
      }),
    )
  }

  /** The filter of the current view and quick filters, as Go takes it (first page). */
  function currentFilter(): TicketFilter {
    return query(0)
  }

  function clearFilters() {
    Object.assign(filters, emptyFilters())
    sla.value = ''
    createdFrom.value = ''
    createdTo.value = ''
  }

  watch([view, sort, sla, createdFrom, createdTo, () => JSON.stringify(filters)], () => void reload())

  return {
    view,
    sort,
    sla,
    createdFrom,
    createdTo,
    filters,
    rows,
    total,
    counts,
    loading,
    loaded,
    error,
    archived,
    hasFilters,
    reload,
    refresh,
    ensureRange,
    clearFilters,
    currentFilter,
  }
})
