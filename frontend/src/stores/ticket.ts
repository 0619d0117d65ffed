import { defineStore } from 'pinia'
import { ref } from 'vue'
import {
  ticketApi,
  sopApi,
  taskApi,
  toAppError,
  type StatusChange,
  type TaskInput,
  type AppError,
  type NewTicket,
  type Priority,
  type TicketDetail,
  type TicketEdit,
  type UserRef,
} from '@/api'

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T
}

/** The ticket open in the detail pane, and every change made to it. */
export const useTicketStore = defineStore('ticket', () => {
  const detail = ref<TicketDetail | null>(null)
  const loading = ref(false)
  const error = ref<AppError | null>(null)
  let wantedId = ''

  async function open(id: string): Promise<void> {
    wantedId = id
    if (detail.value?.ticket.id !== id) detail.value = null
    loading.value = true
    try {
      const d = await ticketApi.get(id)
      if (wantedId !== id) return
      detail.value = d
      error.value = null
    } catch (e) {
      if (wantedId !== id) return
      error.value = toAppError(e)
      detail.value = null
    } finally {
      if (wantedId === id) loading.value = false
    }
  }

  async function refresh(): Promise<void> {
    if (!wantedId) return
    const id = wantedId
    try {
      const d = await ticketApi.get(id)
      if (wantedId === id) detail.value = d
    } catch (e) {
      if (wantedId === id) error.value = toAppError(e)
    }
  }

  function close() {
    wantedId = ''
    detail.value = null
    error.value = null
  }

  /**
   * Applies `patch` at once, calls Go, then shows what Go returns; if Go
   * refuses, the ticket goes back to how it was and the error is thrown.
   */
  async function change(call: (id: string) => Promise<TicketDetail>, patch?: (d: TicketDetail) => void) {
    const current = detail.value
    if (!current) return
    const id = current.ticket.id
    const before = clone(current)
    if (patch) patch(current)
    try {
      const d = await call(id)
      if (detail.value?.ticket.id === id) detail.value = d
    } catch (e) {
      if (detail.value?.ticket.id === id) detail.value = before
      throw toAppError(e)
    }
  }

  /** A status change under the resolving SOP (resolution summary, customer's confirmation). */
  const changeStatus = (ch: StatusChange) =>
    change(
      (id) => sopApi.changeStatus(id, ch),
      (d) => (d.ticket.status = ch.status),
    )
  const saveTask = (input: Omit<TaskInput, 'ticketId'>) => change((id) => taskApi.save({ ...input, ticketId: id }))
  const setTaskDone = (taskId: string, done: boolean) =>
    change(
      () => (done ? taskApi.complete(taskId) : taskApi.reopen(taskId)),
      (d) => {
        const k = d.tasks?.find((x) => x.id === taskId)
        if (k) k.done = done
      },
    )
  const setPriority = (priority: Priority) =>
    change(
      (id) => ticketApi.setPriority(id, priority),
      (d) => (d.ticket.priority = priority),
    )
  const addNote = (body: string, channel = '') => change((id) => ticketApi.addNote(id, body, channel))
  const addSubject = (subjectId: string) => change((id) => ticketApi.addSubject(id, subjectId))
  const removeSubject = (subjectId: string) =>
    change(
      (id) => ticketApi.removeSubject(id, subjectId),
      (d) => (d.ticket.subjects = d.ticket.subjects.filter((s) => s.id !== subjectId)),
    )
  const addAssignees = (users: UserRef[]) =>
    change(
      (id) => ticketApi.addAssignees(
        id,
        users.map((u) => u.id),
      ),
      (d) => (d.ticket.assignees = [...d.ticket.assignees, ...users]),
    )
  const removeAssignee = (userId: string) =>
    change(
      (id) => ticketApi.removeAssignee(id, userId),
      (d) => (d.ticket.assignees = d.ticket.assignees.filter((a) => a.id !== userId)),
    )
  const linkContact = (contactId: string) => change((id) => ticketApi.linkContact(id, contactId))
  const edit = (values: TicketEdit) => change((id) => ticketApi.edit(id, values))

  /** Creates a ticket; the new one becomes the open ticket. */
  async function create(input: NewTicket): Promise<TicketDetail> {
    const d = await ticketApi.create(input)
    wantedId = d.ticket.id
    detail.value = d
    error.value = null
    return d
  }

  return {
    detail,
    loading,
    error,
    open,
    refresh,
    close,
    changeStatus,
    saveTask,
    setTaskDone,
    setPriority,
    addNote,
    addSubject,
    removeSubject,
    addAssignees,
    removeAssignee,
    linkContact,
    edit,
    create,
  }
})
