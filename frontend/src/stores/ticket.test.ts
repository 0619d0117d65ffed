import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { AppError } from '@/api'
import { deferred, detail } from './testing'

const api = vi.hoisted(() => ({
  get: vi.fn(),
  create: vi.fn(),
  setPriority: vi.fn(),
  addNote: vi.fn(),
  addSubject: vi.fn(),
  removeSubject: vi.fn(),
  addAssignees: vi.fn(),
  removeAssignee: vi.fn(),
  linkContact: vi.fn(),
  edit: vi.fn(),
}))
const sop = vi.hoisted(() => ({ changeStatus: vi.fn() }))
vi.mock('@/api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api')>()),
  ticketApi: api,
  sopApi: sop,
}))

import { useTicketStore } from './ticket'

const twoAssignees = () =>
  detail({
    assignees: [
      { id: 'u1', name: 'Amina Yusuf' },
      { id: 'u2', name: 'Brian Otieno' },
    ],
  })

beforeEach(() => {
  setActivePinia(createPinia())
  Object.values(api).forEach((f) => f.mockReset())
  sop.changeStatus.mockReset()
})

describe('ticket store', () => {
  it('opens a ticket and reports one that does not exist', async () => {
    const s = useTicketStore()
    api.get.mockResolvedValueOnce(detail())
    await s.open('t1')
    expect(s.detail?.ticket.number).toBe(1)

    api.get.mockRejectedValueOnce({ code: 'not_found', message: 'There is no ticket t9' })
    await s.open('t9')
    expect(s.detail).toBeNull()
    expect(s.error).toBeInstanceOf(AppError)
    expect(s.error?.code).toBe('not_found')
  })

  it('removes an assignee at once and shows what Go returns', async () => {
    const s = useTicketStore()
    api.get.mockResolvedValueOnce(twoAssignees())
    await s.open('t1')

    const answer = deferred<ReturnType<typeof detail>>()
    api.removeAssignee.mockReturnValueOnce(answer.promise)
    const done = s.removeAssignee('u2')
    expect(s.detail?.ticket.assignees.map((a) => a.id)).toEqual(['u1'])
    expect(api.removeAssignee).toHaveBeenCalledWith('t1', 'u2')

    const fromGo = detail({ assignees: [{ id: 'u1', name: 'Amina Yusuf' }] }, { activity: [{ id: 'a1', kind: 'assignee_removed', actor: { id: 'u1', name: 'Amina Yusuf' }, body: '', from: 'Brian Otieno', to: '', createdAt: '2026-03-10T10:05:00Z' }] })
    answer.resolve(fromGo)
    await done
    expect(s.detail?.activity).toHaveLength(1)
  })

  it('rolls an optimistic change back when Go refuses it, and rethrows as AppError', async () => {
    const s = useTicketStore()
    api.get.mockResolvedValueOnce(twoAssignees())
    await s.open('t1')
    api.setPriority.mockRejectedValueOnce({ code: 'forbidden', message: 'Not yours to change' })

    const err = await s.setPriority('urgent').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe('forbidden')
    expect(s.detail?.ticket.priority).toBe('medium')
    expect(s.detail?.ticket.assignees).toHaveLength(2)
  })

  it('sends the status with its resolution and shows the new status before Go answers', async () => {
    const s = useTicketStore()
    api.get.mockResolvedValueOnce(detail())
    await s.open('t1')
    const answer = deferred<ReturnType<typeof detail>>()
    sop.changeStatus.mockReturnValueOnce(answer.promise)

    const change = { status: 'resolved' as const, note: '', resolution: 'New SIM issued', customerConfirmed: false }
    const done = s.changeStatus(change)
    expect(sop.changeStatus).toHaveBeenCalledWith('t1', change)
    expect(s.detail?.ticket.status).toBe('resolved')
    answer.resolve(detail({ status: 'resolved' }))
    await done
    expect(s.detail?.ticket.status).toBe('resolved')
  })

  it('does not let a late answer for another ticket replace the one now open', async () => {
    const s = useTicketStore()
    api.get.mockResolvedValueOnce(detail())
    await s.open('t1')
    const answer = deferred<ReturnType<typeof detail>>()
    api.addNote.mockReturnValueOnce(answer.promise)
    const done = s.addNote('hello')

    api.get.mockResolvedValueOnce(detail({ id: 't2', number: 2 }))
    await s.open('t2')
    answer.resolve(detail({}, { activity: [] }))
    await done
    expect(s.detail?.ticket.id).toBe('t2')
  })

  it('makes a created ticket the open one', async () => {
    const s = useTicketStore()
    api.create.mockResolvedValueOnce(detail({ id: 't7', number: 7 }))
    const d = await s.create({ subjectIds: ['s1'], contactId: 'c1', mobile: '0712345678', sourceId: '', description: '' })
    expect(d.ticket.number).toBe(7)
    expect(s.detail?.ticket.id).toBe('t7')
  })
})
