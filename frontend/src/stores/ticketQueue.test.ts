import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import type { TicketFilter, TicketPage } from '@/api'
import { deferred, page } from './testing'

const list = vi.hoisted(() => vi.fn<(f: TicketFilter) => Promise<TicketPage>>())
vi.mock('@/api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api')>()),
  ticketApi: { list },
}))

import { PAGE_SIZE, pagesFor, useTicketQueueStore } from './ticketQueue'

const TOTAL = 100_000

beforeEach(() => {
  setActivePinia(createPinia())
  list.mockReset()
  list.mockImplementation(async (f) => page(f.offset, f.limit, TOTAL, { mine: 40, all: TOTAL }))
})

describe('pagesFor', () => {
  it('covers a row range with pages of 50', () => {
    expect(pagesFor(0, 50)).toEqual([0])
    expect(pagesFor(0, 51)).toEqual([0, 1])
    expect(pagesFor(120, 160)).toEqual([2, 3])
    expect(pagesFor(0, 0)).toEqual([0])
  })
})

describe('ticket queue store', () => {
  it('loads the first page and sizes the rows to the whole view', async () => {
    const q = useTicketQueueStore()
    await q.reload()
    expect(list).toHaveBeenCalledTimes(1)
    expect(list.mock.calls[0]![0]).toEqual({
      view: 'mine',
      statuses: [],
      assigneeIds: [],
      subjectIds: [],
      sourceIds: [],
      priorities: [],
      sla: '',
      createdFrom: '',
      createdTo: '',
      sort: 'updated',
      offset: 0,
      limit: PAGE_SIZE,
    })
    expect(q.rows.length).toBe(TOTAL)
    expect(q.rows[0]?.number).toBe(1)
    expect(q.rows[49]?.number).toBe(50)
    expect(q.rows[50]).toBeNull()
    expect(q.total).toBe(TOTAL)
    expect(q.counts).toEqual({ mine: 40, all: TOTAL })
  })

  it('fetches only the pages in sight, once each', async () => {
    const q = useTicketQueueStore()
    await q.reload()
    list.mockClear()

    await q.ensureRange(60_010, 60_040)
    expect(list.mock.calls.map((c) => c[0].offset)).toEqual([60_000])
    expect(q.rows[60_010]?.number).toBe(60_011)
    expect(q.rows[59_999]).toBeNull()

    await q.ensureRange(60_030, 60_070)
    expect(list.mock.calls.map((c) => c[0].offset)).toEqual([60_000, 60_050])

    await q.ensureRange(60_000, 60_090)
    expect(list).toHaveBeenCalledTimes(2)
  })

  it('asks again with the filters when they change, and drops late answers of the old query', async () => {
    const q = useTicketQueueStore()
    await q.reload()

    const slow = deferred<TicketPage>()
    list.mockImplementationOnce(() => slow.promise)
    const stale = q.ensureRange(500, 540)

    list.mockImplementation(async (f) => page(f.offset, f.limit, 3, { mine: 1, all: 3 }))
    q.filters.statuses = ['open', 'in_progress']
    q.view = 'all'
    await nextTick()
    await vi.waitFor(() => expect(q.total).toBe(3))
    const last = list.mock.calls.at(-1)![0]
    expect(last.statuses).toEqual(['open', 'in_progress'])
    expect(last.view).toBe('all')
    expect(last.offset).toBe(0)

    slow.resolve(page(500, 50, TOTAL))
    await stale
    expect(q.rows.length).toBe(3)
    expect(q.total).toBe(3)
    expect(q.hasFilters).toBe(true)
  })

  it('refresh re-reads the pages in sight and keeps the rest to load lazily', async () => {
    const q = useTicketQueueStore()
    await q.reload()
    await q.ensureRange(200, 240)
    list.mockClear()
    list.mockImplementation(async (f) => page(f.offset, f.limit, TOTAL + 1))

    await q.refresh()
    expect(list.mock.calls.map((c) => c[0].offset)).toEqual([200])
    expect(q.total).toBe(TOTAL + 1)
    expect(q.rows.length).toBe(TOTAL + 1)
    expect(q.rows[0]).toBeNull()

    list.mockClear()
    await q.ensureRange(0, 40)
    expect(list.mock.calls.map((c) => c[0].offset)).toEqual([0])
  })

  it('keeps the error to show and the old rows when a load fails', async () => {
    const q = useTicketQueueStore()
    await q.reload()
    list.mockRejectedValueOnce({ code: 'unavailable', message: 'database is busy' })
    await q.refresh()
    expect(q.error?.message).toBe('database is busy')
    expect(q.rows[0]?.number).toBe(1)
  })

  it('tells an empty queue from one whose tickets are all closed', async () => {
    list.mockImplementation(async (f) =>
      f.statuses.includes('closed') ? page(0, f.limit, 4, { mine: 1, all: 4 }) : page(0, f.limit, 0, { mine: 0, all: 0 }),
    )
    const q = useTicketQueueStore()
    await q.reload()
    expect(q.total).toBe(0)
    expect(q.archived).toBe(4)
    expect(list.mock.calls[1]![0]).toMatchObject({ statuses: ['closed'], limit: 1 })

    list.mockClear()
    q.filters.priorities = ['urgent']
    await vi.waitFor(() => expect(list).toHaveBeenCalled())
    await vi.waitFor(() => expect(q.archived).toBe(0))
    expect(list.mock.calls.every((c) => !c[0].statuses.includes('closed'))).toBe(true)
  })
})
