import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import PrimeVue from 'primevue/config'
import ToastService from 'primevue/toastservice'
import { AppError, type BulkAction, type BulkRequest, type BulkResult } from '@/api'
import { deferred } from '@/stores/testing'

const ticketApi = vi.hoisted(() => ({ bulk: vi.fn<(r: BulkRequest) => Promise<BulkResult>>(), list: vi.fn() }))
// The progress listener: the test plays Go's part by calling it.
const listeners = vi.hoisted(() => new Map<string, (...d: unknown[]) => void>())
vi.mock('@/api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api')>()),
  ticketApi,
  onBackendEvent: (name: string, cb: (...d: unknown[]) => void) => {
    listeners.set(name, cb)
    return () => listeners.delete(name)
  },
}))

import { useSelectionStore } from '@/stores/selection'
import BulkActionDialog from './BulkActionDialog.vue'

let pinia: Pinia
let wrapper: VueWrapper | null = null

function render(action: BulkAction) {
  const visible = ref(true)
  const Host = defineComponent({
    setup: () => () => h(BulkActionDialog, { action, visible: visible.value, 'onUpdate:visible': (v: boolean) => (visible.value = v) }),
  })
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] })
  wrapper = mount(Host, { attachTo: document.body, global: { plugins: [pinia, router, PrimeVue, ToastService] } })
  return { visible }
}

const button = (name: string) =>
  [...document.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === name || b.getAttribute('aria-label') === name)!

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  ticketApi.bulk.mockReset()
  listeners.clear()
  const sel = useSelectionStore()
  sel.toggle('t1')
  sel.toggle('t2')
  sel.toggle('t3')
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

describe('BulkActionDialog', () => {
  it('shows Go’s refusal at the confirmation, then the progress and the result with the skipped tickets', async () => {
    render('close')
    await flushPromises()
    expect(document.body.textContent).toContain('3 tickets selected')

    ticketApi.bulk.mockRejectedValueOnce(new AppError('invalid', 'Confirm that the customers confirmed the resolution before closing', 'customerConfirmed'))
    button('Close tickets').click()
    await flushPromises()
    expect(ticketApi.bulk.mock.calls[0]![0]).toMatchObject({ action: 'close', ticketIds: ['t1', 't2', 't3'], customerConfirmed: false })
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('customers confirmed the resolution')

    ;(document.getElementById('bulk-confirmed') as HTMLInputElement).click()
    const answer = deferred<BulkResult>()
    ticketApi.bulk.mockReturnValueOnce(answer.promise)
    button('Close tickets').click()
    await flushPromises()
    const req = ticketApi.bulk.mock.calls[1]![0]
    expect(req.customerConfirmed).toBe(true)
    expect(req.jobId).not.toBe('')

    // Progress of another run is not ours; ours moves the bar.
    listeners.get('deskline:bulk-progress')!({ jobId: 'someone-else', done: 9, total: 9 })
    listeners.get('deskline:bulk-progress')!({ jobId: req.jobId, done: 2, total: 3 })
    await flushPromises()
    expect(document.body.textContent).toContain('2 of 3 done')
    expect(document.querySelector('[aria-label="Bulk progress"]')?.getAttribute('aria-valuenow')).toBe('67')

    answer.resolve({
      jobId: req.jobId,
      action: 'close',
      total: 3,
      done: 1,
      doneIds: ['t1'],
      skipped: [
        { ticketId: 't2', number: 2, reason: '#2 is Open: only resolved tickets can be closed' },
        { ticketId: 't3', number: 3, reason: '#3 is In Progress: only resolved tickets can be closed' },
      ],
      summary: '1 closed, 2 skipped',
    })
    await flushPromises()
    expect(document.querySelector('[role="status"]')?.textContent).toBe('1 closed, 2 skipped')
    const items = [...document.querySelectorAll('[aria-label="Skipped tickets"] li')].map((li) => li.textContent?.trim())
    expect(items).toEqual(['#2 is Open: only resolved tickets can be closed', '#3 is In Progress: only resolved tickets can be closed'])
    expect(useSelectionStore().count).toBe(0)
  })

  it('sends the note of Add note and shows a refusal of it at the note', async () => {
    render('add_note')
    await flushPromises()
    ticketApi.bulk.mockRejectedValueOnce(new AppError('invalid', 'Note is required', 'note'))
    button('Add note').click()
    await flushPromises()
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('Note is required')
    const note = document.getElementById('bulk-note') as HTMLTextAreaElement
    note.value = 'Branch closed Friday'
    note.dispatchEvent(new Event('input'))
    ticketApi.bulk.mockResolvedValueOnce({ jobId: 'j', action: 'add_note', total: 3, done: 3, doneIds: ['t1', 't2', 't3'], skipped: [], summary: '3 noted' })
    button('Add note').click()
    await flushPromises()
    expect(ticketApi.bulk.mock.calls[1]![0]).toMatchObject({ action: 'add_note', note: 'Branch closed Friday' })
    expect(document.querySelector('[role="status"]')?.textContent).toBe('3 noted')
    expect(document.querySelector('[aria-label="Skipped tickets"]')).toBeNull()
  })
})
