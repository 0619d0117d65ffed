import * as TemplateService from '../../wailsjs/go/app/TemplateService'
import * as TaskService from '../../wailsjs/go/app/TaskService'
import * as SOPService from '../../wailsjs/go/app/SOPService'
import * as TicketService from '../../wailsjs/go/app/TicketService'
import { asArg, invoke } from './errors'
import type { Option, TicketDetail, TicketStatus, UserRef } from './types'

/** A saved response for notes: shared (managers and admins make them) or personal. */
export interface Template {
  id: string
  name: string
  body: string
  shared: boolean
  owner: UserRef
  canEdit: boolean
  updatedAt: string
}

export interface TemplateInput {
  id: string
  name: string
  body: string
  shared: boolean
}

/** A problem in a template's body: an unknown variable (named) or a malformed brace. */
export interface TemplateWarning {
  variable: string
  message: string
}

export interface TemplateSaved {
  template: Template
  warnings: TemplateWarning[]
}

/** A template filled in for a ticket; unknown variables stay marked in the text. */
export interface RenderedTemplate {
  text: string
  warnings: TemplateWarning[]
}

/** A follow-up task on a ticket. `due` and `doneAt` are RFC 3339. */
export interface Task {
  id: string
  ticketId: string
  ticketNumber: number
  contactName: string
  title: string
  notes: string
  due: string
  assignee: UserRef
  createdBy: UserRef
  done: boolean
  doneAt: string
  overdue: boolean
}

/** Creates (empty id; ticketId needed) or edits a task; empty assigneeId means me. */
export interface TaskInput {
  id: string
  ticketId: string
  title: string
  due: string
  assigneeId: string
  notes: string
}

export type TaskTab = 'mine' | 'overdue' | 'today' | 'all'

export interface TaskCounts {
  open: number
  overdue: number
  dueToday: number
}

/** A move to another status under the resolving SOP. */
export interface StatusChange {
  status: TicketStatus
  note: string
  /** Needed to move to Resolved (unless an admin made it optional). */
  resolution: string
  /** Needed to close. */
  customerConfirmed: boolean
}

export interface SOPRules {
  resolutionOptional: boolean
}

/** How far a ticket is through the resolving SOP, computed in Go. */
export interface SOPChecklist {
  resolutionNote: boolean
  customerConfirmed: boolean
  tasksCompleted: boolean
  closed: boolean
  openTasks: number
}

export const templateApi = {
  list: () => invoke<Template[]>(() => TemplateService.List()),
  variables: () => invoke<Option[]>(() => TemplateService.Variables()),
  check: (body: string) => invoke<TemplateWarning[]>(() => TemplateService.Check(body)),
  save: (input: TemplateInput) => invoke<TemplateSaved>(() => TemplateService.Save(asArg(input))),
  remove: (id: string) => invoke<void>(() => TemplateService.Delete(id)),
  render: (templateId: string, ticketId: string) =>
    invoke<RenderedTemplate>(() => TemplateService.Render(templateId, ticketId)),
}

export const taskApi = {
  list: (tab: TaskTab) => invoke<Task[]>(() => TaskService.List(tab)),
  counts: () => invoke<TaskCounts>(() => TaskService.Counts()),
  save: (input: TaskInput) => invoke<TicketDetail>(() => TaskService.Save(asArg(input))),
  complete: (id: string) => invoke<TicketDetail>(() => TaskService.Complete(id)),
  reopen: (id: string) => invoke<TicketDetail>(() => TaskService.Reopen(id)),
}

export const sopApi = {
  rules: () => invoke<SOPRules>(() => SOPService.Rules()),
  saveRules: (rules: SOPRules) => invoke<SOPRules>(() => SOPService.SaveRules(asArg(rules))),
  /** The statuses a ticket at `from` can move to, each with what the move needs (none: made at once). */
  movesFrom: (from: TicketStatus) => invoke<StatusMove[]>(() => SOPService.MovesFrom(from)),
  changeStatus: (ticketId: string, change: StatusChange) =>
    invoke<TicketDetail>(() => TicketService.ChangeStatus(ticketId, asArg(change))),
}

/** One status a ticket can move to and what the move needs from the user (Go's desk.StatusMove). */
export interface StatusMove {
  to: TicketStatus
  label: string
  /** 'resolution' (a summary), 'customerConfirmed'; empty: the move is made at once. */
  needs: string[]
}
