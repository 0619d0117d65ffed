import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { AppError, type SearchHit } from '@/api'
import { deferred, summary } from './testing'

const api = vi.hoisted(() => ({ search: vi.fn() }))
vi.mock('@/api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api')>()),
  searchApi: api,
}))

import { useTicketSearchStore } from './ticketSearch'

const hit = (n: number): SearchHit => ({ ticket: summary(n), snippet: `note \u0002${n}\u0003`, contact: 'Grace Wanjiru', mobile: '254712345678' })

beforeEach(() => {
  setActivePinia(createPinia())
  api.search.mockReset()
})

describe('ticket search store', () => {
  it('shows the answer to the latest text, dropping a slower older one', async () => {
    const slow = deferred<SearchHit[]>()
    const fast = deferred<SearchHit[]>()
    api.search.mockReturnValueOnce(slow.promise).mockReturnValueOnce(fast.promise)
    const s = useTicketSearchStore()
    const first = s.search('car')
    const second = s.search('card')
    fast.resolve([hit(2)])
    await second
    slow.resolve([hit(1), hit(3)])
    await first
    expect(s.searched).toBe('card')
    expect(s.hits.map((h) => h.ticket.number)).toEqual([2])
    expect(s.loading).toBe(false)
  })

  it('does not ask Go about blank text', async () => {
    const s = useTicketSearchStore()
    await s.search('   ')
    expect(api.search).not.toHaveBeenCalled()
    expect(s.hits).toEqual([])
  })

  it('keeps the error of the latest search only', async () => {
    api.search.mockRejectedValueOnce(new AppError('internal', 'internal error')).mockResolvedValueOnce([hit(4)])
    const s = useTicketSearchStore()
    await s.search('x1')
    expect(s.error?.message).toBe('internal error')
    await s.search('x12')
    expect(s.error).toBeNull()
    expect(s.hits).toHaveLength(1)
  })

  it('clear drops an answer still on its way', async () => {
    const d = deferred<SearchHit[]>()
    api.search.mockReturnValueOnce(d.promise)
    const s = useTicketSearchStore()
    const p = s.search('late')
    s.clear()
    d.resolve([hit(9)])
    await p
    expect(s.hits).toEqual([])
  })
})
