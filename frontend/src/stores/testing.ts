// Builders for store and component tests (fakes only; never imported by the app).
import type { TicketDetail, TicketPage, TicketSummary } from '@/api'

export function summary(n: number, over: Partial<TicketSummary> = {}): TicketSummary {
  return {
    id: `t${n}`,
    number: n,
    status: 'open',
    priority: 'medium',
    subjects: [{ id: 's1', name: 'Account Issue', active: true }],
    contactId: 'c1',
    contactName: 'Grace Wanjiru',
    contactKind: 'customer',
    mobile: '254712345678',
    sourceId: '',
    sourceName: '',
    assignees: [{ id: 'u1', name: 'Amina Yusuf' }],
    createdAt: '2026-03-10T10:00:00Z',
    updatedAt: '2026-03-10T10:00:00Z',
    sla: null,
    ...over,
  }
}

export function page(offset: number, limit: number, total: number, counts = { mine: total, all: total }): TicketPage {
  const rows: TicketSummary[] = []
  for (let i = offset; i < Math.min(offset + limit, total); i++) rows.push(summary(i + 1))
  return { rows, total, counts }
}

export function detail(over: Partial<TicketSummary> = {}, rest: Partial<TicketDetail> = {}): TicketDetail {
  return {
    ticket: summary(1, over),
    description: '',
    createdBy: { id: 'u1', name: 'Amina Yusuf' },
    contact: {
      id: 'c1',
      kind: 'customer',
      name: 'Grace Wanjiru',
      mobile: '254712345678',
      mergedInto: '',
      email: '',
      leadStatus: '',
      createdAt: '2026-03-10T10:00:00Z',
      updatedAt: '2026-03-10T10:00:00Z',
    },
    otherTickets: [],
    activity: [],
    attachments: [],
    sla: null,
    tasks: [],
    sop: { resolutionNote: false, customerConfirmed: false, tasksCompleted: true, closed: false, openTasks: 0 },
    conflicts: [],
    ...rest,
  }
}

/** A promise with its resolve/reject handles, to control when a fake call answers. */
export function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}
