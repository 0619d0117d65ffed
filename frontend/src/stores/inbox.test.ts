import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { AppError, type InboxFile, type InboxState } from '@/api'
import { deferred } from './testing'

const api = vi.hoisted(() => ({ state: vi.fn(), setFolder: vi.fn(), attachToNumber: vi.fn() }))
vi.mock('@/api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api')>()),
  inboxApi: api,
}))

import { useInboxStore } from './inbox'

const file = (name: string, suggested = 0): InboxFile => ({
  name, size: 2048, modTime: '2026-03-10T10:00:00Z', suggestedTicketId: suggested ? `t${suggested}` : '', suggestedTicketNumber: suggested,
})
const inboxState = (...files: InboxFile[]): InboxState => ({ folder: '/home/ana/Deskline Inbox', watching: true, problem: '', files })

beforeEach(() => {
  setActivePinia(createPinia())
  Object.values(api).forEach((f) => f.mockReset())
})

describe('inbox store', () => {
  it('counts the files waiting', async () => {
    api.state.mockResolvedValue(inboxState(file('1042 id-card.png', 1042), file('scan.pdf')))
    const s = useInboxStore()
    expect(s.count).toBe(0)
    await s.load()
    expect(s.count).toBe(2)
  })

  it('folds a burst of refreshes into one follow-up read', async () => {
    const first = deferred<InboxState>()
    api.state.mockReturnValueOnce(first.promise).mockResolvedValue(inboxState(file('a.png'), file('b.png')))
    const s = useInboxStore()
    const calls = [s.load(), s.load(), s.load(), s.load()]
    expect(api.state).toHaveBeenCalledTimes(1)
    first.resolve(inboxState(file('a.png')))
    await Promise.all(calls)
    expect(api.state).toHaveBeenCalledTimes(2)
    expect(s.count).toBe(2)
  })

  it('still reads again after a failed read', async () => {
    const first = deferred<InboxState>()
    api.state.mockReturnValueOnce(first.promise).mockResolvedValue(inboxState(file('a.png')))
    const s = useInboxStore()
    const failed = s.load()
    const next = s.load()
    first.reject(new AppError('unavailable', 'the database is busy; try again'))
    await expect(failed).rejects.toThrow('busy')
    await next
    expect(s.count).toBe(1)
  })

  it('drops a file from the list once Go attached it, and keeps a refused one', async () => {
    api.state.mockResolvedValue(inboxState(file('1042 id-card.png', 1042), file('setup.exe')))
    api.attachToNumber.mockImplementation(async (_n: number, name: string) =>
      name === 'setup.exe'
        ? { attached: [], refused: [{ name, message: 'programs cannot be attached' }] }
        : { attached: [{ id: 'a1', name }], refused: [] },
    )
    const s = useInboxStore()
    await s.load()
    const refused = await s.attach(1042, 'setup.exe')
    expect(refused.refused[0]!.message).toMatch(/programs/)
    expect(s.count).toBe(2)
    await s.attach(1042, '1042 id-card.png')
    expect(api.attachToNumber).toHaveBeenLastCalledWith(1042, '1042 id-card.png')
    expect(s.state!.files.map((f) => f.name)).toEqual(['setup.exe'])
  })

  it('passes a refused folder on with its field, and keeps the old state', async () => {
    api.state.mockResolvedValue(inboxState())
    api.setFolder.mockRejectedValue(new AppError('invalid', 'give the full path of a folder', 'folder'))
    const s = useInboxStore()
    await s.load()
    await expect(s.setFolder(' scans ')).rejects.toMatchObject({ field: 'folder' })
    expect(api.setFolder).toHaveBeenCalledWith('scans')
    expect(s.state!.folder).toBe('/home/ana/Deskline Inbox')
  })
})
