import { defineStore } from 'pinia'
import { computed, ref, type Ref } from 'vue'
import { catalogApi, type CatalogInput, type CatalogItem } from '@/api'

export type CatalogKind = 'subjects' | 'sources'

function byName(a: CatalogItem, b: CatalogItem) {
  return a.name.localeCompare(b.name)
}

/** Ticket Subjects and Sources, including inactive ones (old tickets still show them). */
export const useCatalogStore = defineStore('catalog', () => {
  const subjects = ref<CatalogItem[]>([])
  const sources = ref<CatalogItem[]>([])
  const loaded = ref(false)

  const activeSubjects = computed(() => subjects.value.filter((s) => s.active).sort(byName))
  const activeSources = computed(() => sources.value.filter((s) => s.active).sort(byName))

  async function load(): Promise<void> {
    const [s, o] = await Promise.all([catalogApi.listSubjects(true), catalogApi.listSources(true)])
    subjects.value = s
    sources.value = o
    loaded.value = true
  }

  function listOf(kind: CatalogKind): Ref<CatalogItem[]> {
    return kind === 'subjects' ? subjects : sources
  }

  /**
   * Adds, renames, deactivates or reactivates a subject or source. An edit
   * shows at once and is rolled back if Go refuses it.
   */
  async function save(kind: CatalogKind, input: CatalogInput): Promise<CatalogItem> {
    const list = listOf(kind)
    const previous = list.value
    if (input.id) list.value = list.value.map((i) => (i.id === input.id ? { ...i, ...input } : i))
    try {
      const saved = kind === 'subjects' ? await catalogApi.saveSubject(input) : await catalogApi.saveSource(input)
      const exists = list.value.some((i) => i.id === saved.id)
      list.value = exists ? list.value.map((i) => (i.id === saved.id ? saved : i)) : [...list.value, saved]
      return saved
    } catch (e) {
      list.value = previous
      throw e
    }
  }

  const subjectName = (id: string) => subjects.value.find((s) => s.id === id)?.name ?? ''
  const sourceName = (id: string) => sources.value.find((s) => s.id === id)?.name ?? ''

  return { subjects, sources, loaded, activeSubjects, activeSources, load, save, listOf, subjectName, sourceName }
})
