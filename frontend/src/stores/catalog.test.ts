import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { deferred } from './testing'
import type { CatalogItem } from '@/api'

const api = vi.hoisted(() => ({ listSubjects: vi.fn(), saveSubject: vi.fn(), listSources: vi.fn(), saveSource: vi.fn() }))
vi.mock('@/api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api')>()),
  catalogApi: api,
}))

import { useCatalogStore } from './catalog'

beforeEach(() => {
  setActivePinia(createPinia())
  Object.values(api).forEach((f) => f.mockReset())
  api.listSubjects.mockResolvedValue([
    { id: 's2', name: 'Technical Support', active: true },
    { id: 's1', name: 'Account Issue', active: true },
    { id: 's3', name: 'Old Subject', active: false },
  ])
  api.listSources.mockResolvedValue([{ id: 'w', name: 'Walk-in', active: true }])
})

describe('catalog store', () => {
  it('loads inactive items too, but offers only active ones, by name', async () => {
    const c = useCatalogStore()
    await c.load()
    expect(api.listSubjects).toHaveBeenCalledWith(true)
    expect(c.subjects).toHaveLength(3)
    expect(c.activeSubjects.map((s) => s.name)).toEqual(['Account Issue', 'Technical Support'])
  })

  it('deactivates at once and reactivates if Go refuses', async () => {
    const c = useCatalogStore()
    await c.load()
    const answer = deferred<CatalogItem>()
    api.saveSubject.mockReturnValueOnce(answer.promise)
    const done = c.save('subjects', { id: 's1', name: 'Account Issue', active: false })
    expect(c.activeSubjects.map((s) => s.id)).toEqual(['s2'])
    answer.reject({ code: 'forbidden', message: 'Only admins manage subjects' })
    await expect(done).rejects.toMatchObject({ code: 'forbidden' })
    expect(c.activeSubjects.map((s) => s.id)).toEqual(['s1', 's2'])
  })

  it('adds a new source with what Go returns', async () => {
    const c = useCatalogStore()
    await c.load()
    api.saveSource.mockResolvedValueOnce({ id: 'p', name: 'Phone', active: true })
    await c.save('sources', { id: '', name: 'Phone', active: true })
    expect(api.saveSource).toHaveBeenCalledWith({ id: '', name: 'Phone', active: true })
    expect(c.activeSources.map((s) => s.name)).toEqual(['Phone', 'Walk-in'])
  })
})
