import * as TicketService from '../../wailsjs/go/app/TicketService'
import { asArg, invoke } from './errors'
import type {
  BulkRequest,
  BulkResult,
  NewTicket,
  Priority,
  TicketDetail,
  TicketEdit,
  TicketFilter,
  TicketIDList,
  TicketPage,
} from './types'

/** The event Go emits while a bulk action runs, with a BulkProgress. */
export const BULK_PROGRESS_EVENT = 'deskline:bulk-progress'

export const ticketApi = {
  list: (filter: TicketFilter) => invoke<TicketPage>(() => TicketService.List(asArg(filter))),
  get: (id: string) => invoke<TicketDetail>(() => TicketService.Get(id)),
  /** The id of ticket #number; rejects with not_found when there is none. */
  idByNumber: (number: number) => invoke<string>(() => TicketService.IDByNumber(number)),
  create: (input: NewTicket) => invoke<TicketDetail>(() => TicketService.Create(asArg(input))),
  setPriority: (id: string, priority: Priority) =>
    invoke<TicketDetail>(() => TicketService.SetPriority(id, priority)),
  addNote: (id: string, body: string, channel = '') =>
    invoke<TicketDetail>(() => TicketService.AddNote(id, body, channel)),
  addSubject: (id: string, subjectId: string) =>
    invoke<TicketDetail>(() => TicketService.AddSubject(id, subjectId)),
  removeSubject: (id: string, subjectId: string) =>
    invoke<TicketDetail>(() => TicketService.RemoveSubject(id, subjectId)),
  addAssignees: (id: string, userIds: string[]) =>
    invoke<TicketDetail>(() => TicketService.AddAssignees(id, userIds)),
  removeAssignee: (id: string, userId: string) =>
    invoke<TicketDetail>(() => TicketService.RemoveAssignee(id, userId)),
  linkContact: (id: string, contactId: string) =>
    invoke<TicketDetail>(() => TicketService.LinkContact(id, contactId)),
  edit: (id: string, edit: TicketEdit) => invoke<TicketDetail>(() => TicketService.Edit(id, asArg(edit))),
  /** One action over many tickets; resolves with what was done and what was skipped and why. */
  bulk: (req: BulkRequest) => invoke<BulkResult>(() => TicketService.Bulk(asArg(req))),
  /** Every ticket id of the view under the filter (offset and limit ignored), up to a cap. */
  listIds: (filter: TicketFilter) => invoke<TicketIDList>(() => TicketService.ListIDs(asArg(filter))),
}
