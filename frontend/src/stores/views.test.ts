import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { AppError, type SavedView, type TicketFilter } from '@/api'
import { deferred } from './testing'

const api = vi.hoisted(() => ({ list: vi.fn(), save: vi.fn(), remove: vi.fn() }))
const tickets = vi.hoisted(() => ({ list: vi.fn() }))
vi.mock('@/api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api')>()),
  viewApi: api,
  ticketApi: tickets,
}))

import { filterKey, useViewsStore } from './views'
import { useTicketQueueStore } from './ticketQueue'

const filter = (over: Partial<TicketFilter> = {}): TicketFilter => ({
  view: 'all', statuses: [], assigneeIds: [], subjectIds: [], sourceIds: [], priorities: [], sla: '',
  createdFrom: '', createdTo: '', sort: 'updated', offset: 0, limit: 0, ...over,
})
const view = (id: string, over: Partial<SavedView> = {}, f: Partial<TicketFilter> = {}): SavedView => ({
  id, name: `View ${id}`, shared: false, pinned: true, filter: filter(f), owner: { id: 'u1', name: 'Amina' },
  canEdit: true, count: 3, updatedAt: '2026-03-10T10:00:00Z', ...over,
})

beforeEach(() => {
  setActivePinia(createPinia())
  Object.values(api).forEach((f) => f.mockReset())
  tickets.list.mockReset().mockResolvedValue({ rows: [], total: 0, counts: { mine: 0, all: 0 } })
})

describe('views store', () => {
  it('lists the pinned views with their counts', async () => {
    api.list.mockResolvedValue([view('a'), view('b', { pinned: false }), view('c', { count: 12 })])
    const s = useViewsStore()
    await s.load()
    expect(s.pinned.map((v) => [v.id, v.count])).toEqual([['a', 3], ['c', 12]])
  })

  it('keeps the newest list when loads overlap', async () => {
    const old = deferred<SavedView[]>()
    api.list.mockReturnValueOnce(old.promise).mockResolvedValueOnce([view('a', { count: 5 })])
    const s = useViewsStore()
    const first = s.load()
    await s.load()
    old.resolve([view('a', { count: 1 })])
    await first
    expect(s.views[0]!.count).toBe(5)
  })

  it('opens a view on the queue and knows the queue shows it', async () => {
    const v = view('hot', {}, { view: 'mine', priorities: ['urgent', 'high'], sla: 'breached', createdFrom: '2026-03-01', sort: 'created' })
    api.list.mockResolvedValue([v, view('other', {}, { statuses: ['open'] })])
    const s = useViewsStore()
    const q = useTicketQueueStore()
    await s.load()
    expect(s.current).toBeNull()
    s.open(v)
    expect(q.view).toBe('mine')
    expect(q.filters.priorities).toEqual(['urgent', 'high'])
    expect(q.sla).toBe('breached')
    expect(q.createdFrom).toBe('2026-03-01')
    expect(q.sort).toBe('created')
    expect(s.current?.id).toBe('hot')
    q.filters.statuses = ['open']
    expect(s.current).toBeNull()
  })

  it('saves the queue filters and reloads the list', async () => {
    api.save.mockResolvedValue(view('n'))
    api.list.mockResolvedValue([view('n')])
    const s = useViewsStore()
    const q = useTicketQueueStore()
    q.filters.statuses = ['waiting']
    q.createdTo = '2026-03-31'
    await s.save({ id: '', name: 'Waiting', shared: false, pinned: true, filter: s.currentFilter() })
    expect(api.save.mock.calls[0]![0].filter).toMatchObject({ statuses: ['waiting'], createdTo: '2026-03-31', view: 'mine' })
    expect(s.views).toHaveLength(1)
  })

  it('passes on Go refusing a shared view', async () => {
    api.save.mockRejectedValue(new AppError('forbidden', 'only managers and admins can share a view'))
    const s = useViewsStore()
    await expect(s.save({ id: '', name: 'Team', shared: true, pinned: false, filter: s.currentFilter() })).rejects.toMatchObject({ code: 'forbidden' })
    expect(api.list).not.toHaveBeenCalled()
  })

  it('compares filters whatever the order of their lists', () => {
    expect(filterKey(filter({ priorities: ['high', 'low'] }))).toBe(filterKey(filter({ priorities: ['low', 'high'] })))
    expect(filterKey(filter({ view: 'mine' }))).not.toBe(filterKey(filter()))
  })
})
