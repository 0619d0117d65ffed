import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import PrimeVue from 'primevue/config'
import type { SearchHit } from '@/api'
import { summary } from '@/stores/testing'

const searchApi = vi.hoisted(() => ({ search: vi.fn() }))
vi.mock('@/api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api')>()),
  searchApi,
}))

import TicketSearch from './TicketSearch.vue'

let wrapper: VueWrapper | null = null
let router: Router

async function render() {
  router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { render: () => null } },
      { path: '/tickets/:id', name: 'ticket', component: { render: () => null } },
    ],
  })
  await router.push('/')
  wrapper = mount(TicketSearch, { attachTo: document.body, global: { plugins: [createPinia(), router, PrimeVue] } })
}

async function type(text: string) {
  const input = document.getElementById('ticket-search') as HTMLInputElement
  for (let i = 1; i <= text.length; i++) {
    input.value = text.slice(0, i)
    input.dispatchEvent(new Event('input'))
    await vi.advanceTimersByTimeAsync(30)
  }
  await vi.advanceTimersByTimeAsync(200)
  await flushPromises()
}

beforeEach(() => {
  vi.useFakeTimers()
  setActivePinia(createPinia())
  searchApi.search.mockReset()
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.useRealTimers()
})

describe('TicketSearch', () => {
  it('asks Go once the typing pauses and marks the matched words as text', async () => {
    const hit: SearchHit = {
      ticket: summary(42, { contactName: 'Dora Okafor' }),
      snippet: 'Said <img src=x onerror="alert(1)"> about the \u0002courier\u0003',
      contact: 'Dora Okafor',
      mobile: '0733111222',
    }
    searchApi.search.mockResolvedValue([hit])
    await render()
    const input = document.getElementById('ticket-search')!
    expect(input.getAttribute('aria-label')).toBe('Search tickets')
    await type('couri')
    expect(searchApi.search).toHaveBeenCalledTimes(1)
    expect(searchApi.search).toHaveBeenCalledWith('couri', 20)
    const option = document.querySelector('[role="option"]')!
    expect(option.textContent).toContain('#42')
    expect(option.querySelector('mark')?.textContent).toBe('courier')
    expect(option.querySelector('img')).toBeNull()
    expect(option.textContent).toContain('<img src=x onerror="alert(1)">')
  })

  it('says so when nothing matches', async () => {
    searchApi.search.mockResolvedValue([])
    await render()
    await type('zebra')
    expect(document.body.textContent).toContain('No tickets match “zebra”')
  })
})
