import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import PrimeVue from 'primevue/config'
import ToastService from 'primevue/toastservice'
import Toast from 'primevue/toast'
import type { Notification, NotificationList } from '@/api'

const { notificationApi, handlers } = vi.hoisted(() => ({
  notificationApi: { list: vi.fn(), markRead: vi.fn(), markAllRead: vi.fn(), prefs: vi.fn(), kinds: vi.fn(), savePrefs: vi.fn() },
  handlers: new Map<string, (...data: unknown[]) => void>(),
}))
vi.mock('@/api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api')>()),
  notificationApi,
  onBackendEvent: (name: string, cb: (...data: unknown[]) => void) => {
    handlers.set(name, cb)
    return () => handlers.delete(name)
  },
}))

import NotificationBell from './NotificationBell.vue'

const note = (id: string, read = false): Notification => ({
  id, kind: 'assigned', ticketId: `t-${id}`, ticketNumber: 7, title: '#7 Complaint', body: 'Asha assigned it to you — Carla', createdAt: new Date().toISOString(), read,
})
const list = (...items: Notification[]): NotificationList => ({ items, unread: items.filter((n) => !n.read).length })

let pinia: Pinia
let router: Router
let wrapper: VueWrapper | null = null

async function render() {
  const Host = defineComponent({ setup: () => () => [h(Toast), h(NotificationBell)] })
  router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { render: () => null } },
      { path: '/tickets/:id', name: 'ticket', component: { render: () => null } },
    ],
  })
  await router.push('/')
  wrapper = mount(Host, { attachTo: document.body, global: { plugins: [pinia, router, PrimeVue, ToastService] } })
  await flushPromises()
}

const bell = () => document.querySelector<HTMLButtonElement>('button[aria-label^="Notifications"]')!

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  Object.values(notificationApi).forEach((f) => f.mockReset())
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  handlers.clear()
  document.body.innerHTML = ''
})

describe('NotificationBell', () => {
  it('names the unread count, and refreshes when Go says notifications changed', async () => {
    notificationApi.list.mockResolvedValueOnce(list(note('a', true)))
    await render()
    expect(bell().getAttribute('aria-label')).toBe('Notifications')

    notificationApi.list.mockResolvedValue(list(note('b'), note('a', true)))
    handlers.get('deskline:changed')!({ topics: ['tickets'], ticketIds: [] })
    await flushPromises()
    expect(notificationApi.list).toHaveBeenCalledTimes(1)
    handlers.get('deskline:changed')!({ topics: ['notifications'], ticketIds: [] })
    await flushPromises()
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 1 unread')
  })

  it('opens the ticket of a clicked notification and marks it read', async () => {
    notificationApi.list.mockResolvedValue(list(note('b'), note('a', true)))
    notificationApi.markRead.mockResolvedValue(list(note('b', true), note('a', true)))
    await render()
    bell().click()
    await flushPromises()
    const items = [...document.querySelectorAll<HTMLButtonElement>('ul[aria-label="Notifications"] button')]
    expect(items).toHaveLength(2)
    expect(items[0]!.classList.contains('unread')).toBe(true)
    items[0]!.click()
    await flushPromises()
    expect(notificationApi.markRead).toHaveBeenCalledWith('b')
    expect(router.currentRoute.value.fullPath).toBe('/tickets/t-b')
    expect(bell().getAttribute('aria-label')).toBe('Notifications')
  })

  it('shows the empty state when there is nothing', async () => {
    notificationApi.list.mockResolvedValue(list())
    await render()
    bell().click()
    await flushPromises()
    expect(document.body.textContent).toContain('Nothing yet.')
    expect(document.querySelector('ul[aria-label="Notifications"]')).toBeNull()
  })
})
