import type { desk } from '../../wailsjs/go/models'
// Types of the bound Go API, written by hand from docs/api.md.
// They describe the JSON that crosses the bridge; the generated model
// classes in wailsjs/ are deliberately not used outside src/api.

import type { SOPChecklist, Task } from './tasks'

export type Role = 'admin' | 'manager' | 'support' | 'sales'
export type TicketStatus = 'open' | 'in_progress' | 'waiting' | 'resolved' | 'closed'
export type Priority = 'low' | 'medium' | 'high' | 'urgent'
export type LeadStatus = 'new' | 'contacted' | 'qualified' | 'lost'
export type ContactKind = 'customer' | 'lead'
export type TicketView = 'mine' | 'all'
export type TicketSort = 'updated' | 'created' | 'next_due'

/** The SLA quick filter: tickets about to breach, or past due. */
export type SLAFilter = '' | 'breaching_soon' | 'breached'

export type ErrorCode = 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'unavailable' | 'internal'

export interface User {
  id: string
  name: string
  role: Role
  active: boolean
}

export interface UserRef {
  id: string
  name: string
}

export interface Option<V extends string = string> {
  value: V
  label: string
}

export interface Vocabulary {
  statuses: Option<TicketStatus>[]
  priorities: Option<Priority>[]
  roles: Option<Role>[]
  leadStatuses: Option<LeadStatus>[]
  contactKinds: Option<ContactKind>[]
}

export interface AppState {
  initialized: boolean
  orgName: string
  currentUser: User | null
  dataDir: string
}

export interface CatalogItem {
  id: string
  name: string
  active: boolean
}

export interface Contact {
  id: string
  kind: ContactKind
  name: string
  mobile: string
  email: string
  leadStatus: LeadStatus | ''
  createdAt: string
  updatedAt: string
}

export interface TicketSummary {
  id: string
  number: number
  status: TicketStatus
  priority: Priority
  subjects: CatalogItem[]
  contactId: string
  contactName: string
  contactKind: ContactKind | ''
  mobile: string
  sourceId: string
  sourceName: string
  assignees: UserRef[]
  createdAt: string
  updatedAt: string
  /** The clock that matters next; null when the ticket runs under no SLA. */
  sla: SLABadge | null
}

export interface ContactDetail {
  contact: Contact
  tickets: TicketSummary[]
}

export type ActivityKind =
  | 'created'
  | 'note'
  | 'status'
  | 'priority'
  | 'subject_added'
  | 'subject_removed'
  | 'assignee_added'
  | 'assignee_removed'
  | 'resolution'
  | 'customer_confirmed'
  | 'task_added'
  | 'task_completed'
  | 'task_reopened'
  | 'contact'
  | 'mobile'
  | 'source'
  | 'description'
  | 'attachment_added'
  | 'attachment_removed'
  | 'sla'

export interface Activity {
  id: string
  kind: ActivityKind
  actor: UserRef
  body: string
  from: string
  to: string
  createdAt: string
  /** The channel of a note that records a reply to the customer ('' otherwise). */
  channel?: string
}

export interface TicketDetail {
  ticket: TicketSummary
  description: string
  createdBy: UserRef
  contact: Contact
  otherTickets: TicketSummary[]
  /** Newest last. */
  activity: Activity[]
  attachments: Attachment[]
  /** The ticket's SLA (computed in Go); null for tickets opened before SLAs. */
  sla: TicketSLA | null
  /** Follow-up tasks, open first, by due time. */
  tasks: Task[]
  /** How far the ticket is through the resolving SOP (computed in Go). */
  sop: SOPChecklist
  /** Fields whose value won over an edit made on another machine at the same time. */
  conflicts: FieldConflict[]
}

/** A ticket field changed on two machines at once (from the Go DTO): `other` lost, set by `by`. */
export type FieldConflict = desk.FieldConflict

export interface SLAClock {
  kind: string
  label: string
  state: string
  warning: boolean
  due: string
  targetSeconds: number
  elapsedSeconds: number
  pausedSeconds: number
  leftSeconds: number
  overdueSeconds: number
}

export interface TicketSLA {
  policyName: string
  mode: string
  noSla: boolean
  clocks: SLAClock[]
}

/** A file attached to a ticket; previews at /attachments/<id> (and /thumb for images). */
export interface Attachment {
  id: string
  ticketId: string
  name: string
  size: number
  mime: string
  hash: string
  addedBy: UserRef
  addedAt: string
  preview: boolean
}

export interface AttachResult {
  attached: Attachment[]
  refused: { name: string; message: string }[]
}

export interface TicketFilter {
  view: TicketView
  statuses: string[]
  assigneeIds: string[]
  subjectIds: string[]
  sourceIds: string[]
  priorities: string[]
  sla: SLAFilter
  /** Created on or after this local day, `YYYY-MM-DD` ("" or absent: no bound). */
  createdFrom?: string
  /** Created on or before this local day, `YYYY-MM-DD`. */
  createdTo?: string
  sort: TicketSort
  offset: number
  limit: number
}

export interface TicketCounts {
  mine: number
  all: number
}

export interface TicketPage {
  rows: TicketSummary[]
  /** Rows in the current view under the filters. */
  total: number
  /** Both views under the same quick filters. */
  counts: TicketCounts
}

export interface NewTicket {
  subjectIds: string[]
  contactId: string
  mobile: string
  sourceId: string
  description: string
  priority?: Priority | ''
}

export interface TicketEdit {
  mobile: string
  sourceId: string
  description: string
}

export interface ContactInput {
  id: string
  kind: ContactKind
  name: string
  mobile: string
  email: string
  leadStatus: LeadStatus | ''
}

export interface UserInput {
  id: string
  name: string
  role: Role
  active: boolean
}

export interface CatalogInput {
  id: string
  name: string
  active: boolean
}

export type ChangeTopic =
  | 'tickets'
  | 'contacts'
  | 'catalog'
  | 'users'
  | 'session'
  | 'notifications'
  | 'inbox'
  | 'views'
  | 'tasks'
  | 'templates'

/** Payload of the `deskline:changed` event. */
export interface ChangedEvent {
  topics: ChangeTopic[]
  ticketIds: string[]
}

/** One entry of the notification center. */
export interface Notification {
  id: string
  kind: string
  ticketId: string
  ticketNumber: number
  title: string
  body: string
  createdAt: string
  read: boolean
}

export interface NotificationList {
  items: Notification[]
  unread: number
}

/** Which notifications reach the desktop, and quiet hours (HH:MM, local time). */
export interface NotificationPrefs {
  desktopKinds: string[]
  dndEnabled: boolean
  dndStart: string
  dndEnd: string
  newTickets: boolean
  unassigned: boolean
}

/** A file waiting in the scan inbox; preview at /inbox/<name>. */
export interface InboxFile {
  name: string
  size: number
  modTime: string
  suggestedTicketId: string
  suggestedTicketNumber: number
}

export interface InboxState {
  folder: string
  watching: boolean
  problem: string
  files: InboxFile[]
}

/** The queue's view of a ticket's SLA (computed in Go). */
export interface SLABadge {
  clock: 'first_response' | 'resolution'
  state: 'running' | 'warning' | 'paused' | 'breached' | 'met' | 'met_late'
  due: string
  leftSeconds: number
  overdueSeconds: number
}

// SLA setup (SLAService.Config / Save). Times of day are "HH:MM", dates
// "YYYY-MM-DD", targets minutes; Go validates all of it.

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday'

/** A working period within one day, e.g. { start: "09:00", end: "13:00" }. */
export interface WorkWindow {
  start: string
  end: string
}

export interface Holiday {
  date: string
  yearly: boolean
  name: string
}

export interface BusinessCalendar {
  id: string
  name: string
  zone: string
  week: Record<Weekday, WorkWindow[]>
  holidays: Holiday[]
}

export interface SLATarget {
  firstResponse: number
  resolution: number
}

export interface PolicyMatch {
  priorities: Priority[]
  subjectIds: string[]
  sourceIds: string[]
  contactKinds: ContactKind[]
}

export type SLAMode = 'business' | 'calendar'

export interface SLAPolicy {
  id: string
  name: string
  match: PolicyMatch
  noSla: boolean
  mode: SLAMode
  calendarId: string
  /** 0 means the default (80). */
  warnPercent: number
  targets: Record<Priority, SLATarget>
}

export interface SLAConfig {
  calendars: BusinessCalendar[]
  policies: SLAPolicy[]
  default: SLAPolicy
}

/** Bulk actions over the selected tickets of the queue. */
export type BulkAction = 'close' | 'set_status' | 'assign' | 'unassign' | 'set_priority' | 'add_subject' | 'add_note'

export interface BulkRequest {
  /** Names the run in its progress events. */
  jobId: string
  ticketIds: string[]
  action: BulkAction
  status?: TicketStatus
  userIds?: string[]
  userId?: string
  priority?: Priority
  subjectId?: string
  /** The note of add_note; with a status change, a note recorded with it. */
  note?: string
  /** set_status to Resolved: the resolution summary, the same for every ticket. */
  resolution?: string
  /** Bulk Close: the customers confirmed the resolution of every selected ticket. */
  customerConfirmed?: boolean
}

export interface BulkSkip {
  ticketId: string
  number: number
  reason: string
}

export interface BulkResult {
  jobId: string
  action: BulkAction
  total: number
  done: number
  doneIds: string[]
  skipped: BulkSkip[]
  /** e.g. "12 closed, 3 skipped" */
  summary: string
}

export interface BulkProgress {
  jobId: string
  done: number
  total: number
}

/** Every ticket id of a queue view under its filters, up to a cap. */
export interface TicketIDList {
  ids: string[]
  total: number
  capped: boolean
  message: string
}
