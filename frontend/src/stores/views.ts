import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { toAppError, viewApi, type AppError, type SavedView, type ViewFilter, type ViewInput } from '@/api'
import { useTicketQueueStore } from './ticketQueue'

/** A filter in a canonical form, for telling whether the queue shows a view. */
export function filterKey(f: Partial<ViewFilter>): string {
  const list = (v: string[] | undefined) => [...(v ?? [])].sort()
  return JSON.stringify([
    f.view || 'all',
    list(f.statuses),
    list(f.assigneeIds),
    list(f.subjectIds),
    list(f.sourceIds),
    list(f.priorities),
    f.sla ?? '',
    f.createdFrom ?? '',
    f.createdTo ?? '',
    f.sort || 'updated',
  ])
}

/**
 * Saved views: the current user's and the shared ones, each with its live
 * count (Go counts; this store reloads when tickets or views change).
 */
export const useViewsStore = defineStore('views', () => {
  const views = ref<SavedView[]>([])
  const loaded = ref(false)
  const error = ref<AppError | null>(null)
  const pinned = computed(() => views.value.filter((v) => v.pinned))
  /** The view last opened or saved: the one "Edit view" changes. */
  const openedId = ref('')
  const opened = computed(() => views.value.find((v) => v.id === openedId.value) ?? null)

  let generation = 0
  async function load(): Promise<void> {
    const gen = ++generation
    try {
      const list = await viewApi.list()
      if (gen !== generation) return
      views.value = list
      loaded.value = true
      error.value = null
    } catch (e) {
      if (gen === generation) error.value = toAppError(e)
    }
  }

  /** Saves a view (Go validates and decides who may share); rejects with Go's AppError. */
  async function save(input: ViewInput): Promise<SavedView> {
    const v = await viewApi.save(input)
    openedId.value = v.id
    await load()
    return v
  }

  async function remove(id: string): Promise<void> {
    await viewApi.remove(id)
    if (openedId.value === id) openedId.value = ''
    await load()
  }

  /** The queue's filters and sort as a view keeps them. */
  function currentFilter(): ViewFilter {
    const q = useTicketQueueStore()
    return {
      view: q.view,
      statuses: [...q.filters.statuses],
      assigneeIds: [...q.filters.assigneeIds],
      subjectIds: [...q.filters.subjectIds],
      sourceIds: [...q.filters.sourceIds],
      priorities: [...q.filters.priorities],
      sla: q.sla,
      createdFrom: q.createdFrom,
      createdTo: q.createdTo,
      sort: q.sort,
    }
  }

  /** The view the queue shows now, if its filters are exactly a view's. */
  const current = computed<SavedView | null>(() => {
    const key = filterKey(currentFilter())
    return views.value.find((v) => filterKey(v.filter) === key) ?? null
  })

  /** Puts a view's filters and sort on the queue. */
  function open(v: SavedView) {
    const q = useTicketQueueStore()
    const f = v.filter
    openedId.value = v.id
    q.view = f.view === 'mine' ? 'mine' : 'all'
    q.sort = f.sort || 'updated'
    q.sla = f.sla ?? ''
    q.createdFrom = f.createdFrom ?? ''
    q.createdTo = f.createdTo ?? ''
    Object.assign(q.filters, {
      statuses: [...(f.statuses ?? [])],
      assigneeIds: [...(f.assigneeIds ?? [])],
      subjectIds: [...(f.subjectIds ?? [])],
      sourceIds: [...(f.sourceIds ?? [])],
      priorities: [...(f.priorities ?? [])],
    })
  }

  return { views, pinned, loaded, error, current, opened, openedId, load, save, remove, open, currentFilter }
})
