import { defineStore } from 'pinia'
import { ref } from 'vue'
import { contactApi, toAppError, type AppError, type Contact, type ContactDetail, type ContactInput, type ContactKind } from '@/api'

export const SEARCH_LIMIT = 200

/** Customer and lead lists (search as you type) and the record open in detail. */
export const useContactsStore = defineStore('contacts', () => {
  const results = ref<Record<ContactKind, Contact[]>>({ customer: [], lead: [] })
  const queries = ref<Record<ContactKind, string>>({ customer: '', lead: '' })
  const searching = ref(false)
  const searched = ref<Record<ContactKind, boolean>>({ customer: false, lead: false })
  const error = ref<AppError | null>(null)

  const detail = ref<ContactDetail | null>(null)
  const detailError = ref<AppError | null>(null)
  let wantedId = ''
  const seq: Record<ContactKind, number> = { customer: 0, lead: 0 }

  async function search(kind: ContactKind, text?: string): Promise<void> {
    if (text !== undefined) queries.value[kind] = text
    const n = ++seq[kind]
    searching.value = true
    try {
      const found = await contactApi.search(kind, queries.value[kind].trim(), SEARCH_LIMIT)
      if (n !== seq[kind]) return
      results.value[kind] = found
      searched.value[kind] = true
      error.value = null
    } catch (e) {
      if (n === seq[kind]) error.value = toAppError(e)
    } finally {
      if (n === seq[kind]) searching.value = false
    }
  }

  async function open(id: string): Promise<void> {
    wantedId = id
    if (detail.value?.contact.id !== id) detail.value = null
    try {
      const d = await contactApi.get(id)
      if (wantedId !== id) return
      detail.value = d
      detailError.value = null
    } catch (e) {
      if (wantedId === id) detailError.value = toAppError(e)
    }
  }

  async function refreshOpen(): Promise<void> {
    if (wantedId) await open(wantedId)
  }

  function upsert(c: Contact) {
    for (const kind of ['customer', 'lead'] as const) {
      const list = results.value[kind].filter((x) => x.id !== c.id)
      if (kind === c.kind) {
        const i = results.value[kind].findIndex((x) => x.id === c.id)
        if (i >= 0) list.splice(i, 0, c)
        else list.unshift(c)
      }
      results.value[kind] = list
    }
    if (detail.value?.contact.id === c.id) detail.value = { ...detail.value, contact: c }
  }

  async function save(input: ContactInput): Promise<Contact> {
    const saved = await contactApi.save(input)
    upsert(saved)
    return saved
  }

  /** Converts a lead; it moves to the customer list at once, back if Go refuses. */
  async function convert(id: string): Promise<Contact> {
    const before = { results: { customer: [...results.value.customer], lead: [...results.value.lead] }, detail: detail.value }
    const lead = results.value.lead.find((c) => c.id === id) ?? (detail.value?.contact.id === id ? detail.value.contact : null)
    if (lead) upsert({ ...lead, kind: 'customer' })
    try {
      const c = await contactApi.convertToCustomer(id)
      upsert(c)
      return c
    } catch (e) {
      results.value = before.results
      detail.value = before.detail
      throw toAppError(e)
    }
  }

  return { results, queries, searching, searched, error, detail, detailError, search, open, refreshOpen, save, convert }
})
