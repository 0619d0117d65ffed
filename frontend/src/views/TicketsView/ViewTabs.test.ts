import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'

const { ticketApi } = vi.hoisted(() => ({ ticketApi: { list: vi.fn() } }))
vi.mock('@/api', async (importOriginal) => ({ ...(await importOriginal<typeof import('@/api')>()), ticketApi }))

import ViewTabs from './ViewTabs.vue'
import { useTicketQueueStore } from '@/stores/ticketQueue'

let wrapper: VueWrapper | null = null

beforeEach(() => {
  setActivePinia(createPinia())
  ticketApi.list.mockResolvedValue({ rows: [], total: 0, counts: { mine: 3, all: 1250 } })
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

describe('ViewTabs', () => {
  async function render() {
    const queue = useTicketQueueStore()
    await queue.reload()
    wrapper = mount(ViewTabs, { attachTo: document.body })
    await flushPromises()
    return { queue, tabs: wrapper.findAll('[role="tab"]') }
  }

  it('shows both views with their counts, the current one selected', async () => {
    const { tabs } = await render()
    expect(tabs.map((t) => t.text())).toEqual(['My tickets 3', 'All tickets 1,250'])
    expect(tabs.map((t) => t.attributes('aria-selected'))).toEqual(['true', 'false'])
    // Only the selected tab is in the tab order.
    expect(tabs.map((t) => t.attributes('tabindex'))).toEqual(['0', '-1'])
  })

  it('a click and the arrow keys switch the view; the arrows move the focus with it', async () => {
    const { queue, tabs } = await render()
    await tabs[1]!.trigger('click')
    expect(queue.view).toBe('all')
    expect(tabs[1]!.attributes('aria-selected')).toBe('true')

    await tabs[1]!.trigger('keydown', { key: 'ArrowRight' }) // wraps round
    expect(queue.view).toBe('mine')
    expect(document.activeElement).toBe(tabs[0]!.element)
    await tabs[0]!.trigger('keydown', { key: 'ArrowLeft' })
    expect(queue.view).toBe('all')
    expect(document.activeElement).toBe(tabs[1]!.element)
    await tabs[1]!.trigger('keydown', { key: 'Enter' }) // not an arrow: nothing changes
    expect(queue.view).toBe('all')
  })
})
