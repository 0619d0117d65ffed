import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { searchApi, toAppError, type AppError, type SearchHit } from '@/api'

/** How many hits the search box shows. */
export const SEARCH_LIMIT = 20

/**
 * Search as you type. Each search bumps a generation; an answer that arrives
 * after a newer search started is dropped, so the list always belongs to the
 * latest text.
 */
export const useTicketSearchStore = defineStore('ticketSearch', () => {
  const hits = shallowRef<SearchHit[]>([])
  /** The text the shown hits answer. */
  const searched = ref('')
  const loading = ref(false)
  const error = ref<AppError | null>(null)
  let generation = 0

  async function search(text: string): Promise<void> {
    const gen = ++generation
    if (!text.trim()) {
      hits.value = []
      searched.value = text
      loading.value = false
      error.value = null
      return
    }
    loading.value = true
    try {
      const found = await searchApi.search(text, SEARCH_LIMIT)
      if (gen !== generation) return
      hits.value = found
      searched.value = text
      error.value = null
    } catch (e) {
      if (gen !== generation) return
      hits.value = []
      searched.value = text
      error.value = toAppError(e)
    } finally {
      if (gen === generation) loading.value = false
    }
  }

  function clear() {
    generation++
    hits.value = []
    searched.value = ''
    loading.value = false
    error.value = null
  }

  return { hits, searched, loading, error, search, clear }
})
