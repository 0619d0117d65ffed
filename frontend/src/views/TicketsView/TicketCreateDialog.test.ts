import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import PrimeVue from 'primevue/config'
import ToastService from 'primevue/toastservice'
import Toast from 'primevue/toast'
import { detail } from '@/stores/testing'

const ticketApi = vi.hoisted(() => ({ create: vi.fn() }))
vi.mock('@/api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api')>()),
  ticketApi,
}))

import { useCatalogStore } from '@/stores/catalog'
import TicketCreateDialog from './TicketCreateDialog.vue'

let pinia: Pinia
let wrapper: VueWrapper | null = null

function render() {
  const visible = ref(false)
  const created = vi.fn()
  const Host = defineComponent({
    setup: () => () => [
      h(Toast),
      h(TicketCreateDialog, { visible: visible.value, 'onUpdate:visible': (v: boolean) => (visible.value = v), onCreated: created }),
    ],
  })
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] })
  wrapper = mount(Host, { attachTo: document.body, global: { plugins: [pinia, router, PrimeVue, ToastService] } })
  return { visible, created }
}

const byId = (id: string) => document.getElementById(id)

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  ticketApi.create.mockReset()
  const catalog = useCatalogStore()
  catalog.subjects = [
    { id: 's1', name: 'Account Issue', active: true },
    { id: 's2', name: 'Technical Support', active: true },
  ]
  catalog.sources = [{ id: 'w', name: 'Walk-in', active: true }]
  catalog.loaded = true
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

async function openAndSave(visible: { value: boolean }) {
  visible.value = true
  await flushPromises()
  const form = document.querySelector<HTMLFormElement>('#new-ticket-form')!
  ;(byId('nt-mobile') as HTMLInputElement).value = '0712 345 678'
  byId('nt-mobile')!.dispatchEvent(new Event('input'))
  form.dispatchEvent(new Event('submit', { cancelable: true }))
  await flushPromises()
}

describe('TicketCreateDialog', () => {
  it('shows a Go error at the field it names, and stays open', async () => {
    ticketApi.create.mockRejectedValueOnce({ code: 'invalid', message: 'Choose at least one subject', field: 'subjectIds' })
    const { visible, created } = render()
    await openAndSave(visible)

    expect(ticketApi.create).toHaveBeenCalledWith({
      subjectIds: [],
      contactId: '',
      mobile: '0712 345 678',
      sourceId: '',
      description: '',
    })
    const subjects = byId('nt-subjects')!
    expect(subjects.getAttribute('role')).toBe('combobox')
    const describedBy = subjects.getAttribute('aria-describedby')
    expect(describedBy).toBe('nt-subjects-error')
    const error = byId(describedBy!)!
    expect(error.getAttribute('role')).toBe('alert')
    expect(error.textContent).toBe('Choose at least one subject')
    expect(visible.value).toBe(true)
    expect(created).not.toHaveBeenCalled()
    // The other fields carry no error.
    expect(byId('nt-mobile')!.getAttribute('aria-describedby')).toBeNull()
  })

  it('shows every problem at its field at once and focuses the first', async () => {
    ticketApi.create.mockRejectedValueOnce({
      code: 'invalid',
      message: 'Link the ticket to a customer or lead (and 1 more to fix)',
      field: 'contactId',
      problems: [
        { field: 'contactId', message: 'Link the ticket to a customer or lead' },
        { field: 'subjectIds', message: 'Choose at least one subject' },
      ],
    })
    const { visible } = render()
    await openAndSave(visible)
    await nextTick()
    expect(byId('nt-contact-error')?.textContent).toBe('Link the ticket to a customer or lead')
    expect(byId('nt-subjects-error')?.textContent).toBe('Choose at least one subject')
    expect(document.activeElement?.id).toBe('nt-contact')
  })

  it('shows an error without a field as a toast', async () => {
    ticketApi.create.mockRejectedValueOnce({ code: 'internal', message: 'internal error' })
    const { visible } = render()
    await openAndSave(visible)
    await nextTick()

    expect(document.querySelectorAll('[role="alert"].field-error')).toHaveLength(0)
    expect(document.body.textContent).toContain('Could not create the ticket')
    expect(document.body.textContent).toContain('internal error')
    expect(visible.value).toBe(true)
  })

  it('closes and reports the created ticket', async () => {
    ticketApi.create.mockResolvedValueOnce(detail({ id: 't9', number: 9 }))
    const { visible, created } = render()
    await openAndSave(visible)
    expect(visible.value).toBe(false)
    expect(created).toHaveBeenCalledTimes(1)
    expect(created.mock.calls[0]![0].ticket.number).toBe(9)
  })

  it('says an admin must configure Ticket Subjects when none is active', async () => {
    useCatalogStore().subjects = [{ id: 's1', name: 'Account Issue', active: false }]
    const { visible } = render()
    visible.value = true
    await flushPromises()
    const text = document.body.textContent ?? ''
    expect(text).toContain('An admin needs to configure Ticket Subjects')
    const link = [...document.querySelectorAll('a')].find((a) => a.textContent?.includes('Admin'))
    expect(link?.getAttribute('href')).toBe('/admin')
  })
})
