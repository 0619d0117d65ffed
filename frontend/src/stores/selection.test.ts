import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import type { TicketFilter, TicketIDList, TicketPage } from '@/api'
import { page } from './testing'

const list = vi.hoisted(() => vi.fn<(f: TicketFilter) => Promise<TicketPage>>())
const listIds = vi.hoisted(() => vi.fn<(f: TicketFilter) => Promise<TicketIDList>>())
vi.mock('@/api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api')>()),
  ticketApi: { list, listIds },
}))

import { useSelectionStore } from './selection'
import { useTicketQueueStore } from './ticketQueue'

beforeEach(() => {
  setActivePinia(createPinia())
  list.mockReset()
  listIds.mockReset()
  list.mockImplementation(async (f) => page(f.offset, f.limit, 120))
})

async function loaded() {
  const queue = useTicketQueueStore()
  await queue.reload()
  return { queue, sel: useSelectionStore() }
}

describe('selection store', () => {
  it('toggles one ticket on and off', async () => {
    const { sel } = await loaded()
    sel.toggle('t3')
    sel.toggle('t5')
    expect(sel.count).toBe(2)
    expect(sel.isSelected('t3')).toBe(true)
    sel.toggle('t3')
    expect(sel.isSelected('t3')).toBe(false)
    expect(sel.list).toEqual(['t5'])
  })

  it('selects a range from the last toggled row, in queue order, either way', async () => {
    const { sel } = await loaded()
    sel.toggle('t3')
    sel.selectRange('t6')
    expect([...sel.list].sort()).toEqual(['t3', 't4', 't5', 't6'])
    // The next range starts where this one ended, and may run upwards.
    sel.selectRange('t2')
    expect([...sel.list].sort()).toEqual(['t2', 't3', 't4', 't5', 't6'])
    expect(sel.anchor).toBe('t2')
  })

  it('treats a range without a start as a toggle', async () => {
    const { sel } = await loaded()
    sel.selectRange('t4')
    expect(sel.list).toEqual(['t4'])
  })

  it('skips rows of the range that are not loaded', async () => {
    const { queue, sel } = await loaded()
    // Only the first page (rows 1–50) is loaded; row 120 is loaded by hand.
    queue.rows = queue.rows.map((r, i) => (i === 119 ? { ...queue.rows[0]!, id: 't120', number: 120 } : r))
    sel.toggle('t49')
    sel.selectRange('t120')
    expect([...sel.list].sort()).toEqual(['t120', 't49', 't50'])
  })

  it('clears everything', async () => {
    const { sel } = await loaded()
    sel.toggle('t1')
    sel.selectRange('t4')
    sel.clear()
    expect(sel.count).toBe(0)
    expect(sel.anchor).toBeNull()
    sel.selectRange('t2')
    expect(sel.list).toEqual(['t2'])
  })

  it('clears when the view, a filter or the sort changes', async () => {
    const { queue, sel } = await loaded()
    sel.toggle('t1')
    queue.view = 'all'
    await nextTick()
    expect(sel.count).toBe(0)
    sel.toggle('t1')
    queue.filters.priorities.push('high')
    await nextTick()
    expect(sel.count).toBe(0)
    sel.toggle('t2')
    queue.sort = 'created'
    await nextTick()
    expect(sel.count).toBe(0)
  })

  it('keeps the selection when the same view refreshes', async () => {
    const { queue, sel } = await loaded()
    sel.toggle('t1')
    await queue.refresh()
    await nextTick()
    expect(sel.list).toEqual(['t1'])
  })

  it('selects all of the view with the queue filter, and says when it was capped', async () => {
    const { queue, sel } = await loaded()
    queue.view = 'all'
    queue.filters.statuses.push('resolved')
    await nextTick()
    listIds.mockResolvedValueOnce({ ids: ['a', 'b', 'c'], total: 3, capped: false, message: '' })
    await sel.selectAll()
    expect(listIds).toHaveBeenCalledTimes(1)
    expect(listIds.mock.calls[0]![0]).toMatchObject({ view: 'all', statuses: ['resolved'] })
    expect(sel.list).toEqual(['a', 'b', 'c'])
    expect(sel.notice).toBe('')
    listIds.mockResolvedValueOnce({ ids: ['a'], total: 1500, capped: true, message: 'Selected the first 1000 of 1500' })
    await sel.selectAll()
    expect(sel.notice).toBe('Selected the first 1000 of 1500')
    sel.clear()
    expect(sel.notice).toBe('')
  })
})
