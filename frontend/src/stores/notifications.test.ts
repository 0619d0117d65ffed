import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { AppError, type Notification, type NotificationList } from '@/api'

const api = vi.hoisted(() => ({ list: vi.fn(), markRead: vi.fn(), markAllRead: vi.fn() }))
vi.mock('@/api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api')>()),
  notificationApi: api,
}))

import { useNotificationStore } from './notifications'

const note = (id: string, read = false): Notification => ({
  id, kind: 'assigned', ticketId: 't1', ticketNumber: 7, title: '#7 Complaint', body: 'Asha assigned it to you — Carla', createdAt: '2026-03-10T10:00:00Z', read,
})
const list = (...items: Notification[]): NotificationList => ({ items, unread: items.filter((n) => !n.read).length })

beforeEach(() => {
  setActivePinia(createPinia())
  Object.values(api).forEach((f) => f.mockReset())
})

describe('notification store', () => {
  it('loads the center and its unread count', async () => {
    api.list.mockResolvedValue(list(note('a'), note('b', true)))
    const s = useNotificationStore()
    await s.load()
    expect(s.items.map((n) => n.id)).toEqual(['a', 'b'])
    expect(s.unread).toBe(1)
  })

  it('marks one read at once and keeps what Go returns', async () => {
    api.list.mockResolvedValue(list(note('a'), note('b')))
    let resolve!: (l: NotificationList) => void
    api.markRead.mockReturnValue(new Promise((r) => (resolve = r)))
    const s = useNotificationStore()
    await s.load()
    const done = s.markRead('a')
    expect(s.unread).toBe(1)
    expect(s.items[0]!.read).toBe(true)
    resolve(list(note('a', true), note('b')))
    await done
    expect(api.markRead).toHaveBeenCalledWith('a')
    expect(s.unread).toBe(1)
  })

  it('puts a notification back to unread when Go refuses', async () => {
    api.list.mockResolvedValue(list(note('a')))
    api.markRead.mockRejectedValue(new AppError('not_found', 'unread notification not found'))
    const s = useNotificationStore()
    await s.load()
    await expect(s.markRead('a')).rejects.toThrow('unread notification not found')
    expect(s.items[0]!.read).toBe(false)
    expect(s.unread).toBe(1)
  })

  it('marks all read, or restores them all on failure', async () => {
    api.list.mockResolvedValue(list(note('a'), note('b')))
    api.markAllRead.mockRejectedValue(new AppError('unavailable', 'the database is busy; try again'))
    const s = useNotificationStore()
    await s.load()
    await expect(s.markAllRead()).rejects.toThrow('busy')
    expect(s.unread).toBe(2)
    expect(s.items.every((n) => !n.read)).toBe(true)
    api.markAllRead.mockResolvedValue(list(note('a', true), note('b', true)))
    await s.markAllRead()
    expect(s.unread).toBe(0)
  })
})
