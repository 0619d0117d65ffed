import * as DashboardService from '../../wailsjs/go/app/DashboardService'
import type { desk } from '../../wailsjs/go/models'
import { asArg, invoke } from './errors'
import type { TicketStatus, UserRef } from './types'

export interface StatusCount {
  status: TicketStatus
  label: string
  count: number
}

/** One person's assigned tickets still being worked. */
export interface Workload {
  user: UserRef
  open: number
  inProgress: number
  waiting: number
  resolved: number
  breached: number
  total: number
}

export interface Dashboard {
  at: string
  statuses: StatusCount[]
  active: number
  unassigned: number
  slaBreached: number
  slaBreachingSoon: number
  createdToday: number
  createdWeek: number
  closedWeek: number
  team: Workload[]
}

/** A generated model as the plain JSON that crosses the bridge (without the classes' helper). */
type Plain<T> = T extends (infer U)[] ? Plain<U>[] : T extends object ? { [K in keyof T as K extends 'convertValues' ? never : K]: Plain<T[K]> } : T

/** Narrows a dashboard: local days YYYY-MM-DD (both included) and one subject, source and assignee; '' does not filter. */
export type InsightFilter = Plain<desk.InsightFilter>
/** One bar or slice: what it counts (`key`) and how many; `createdFrom`/`createdTo` give the created-date range it counts. */
export type Slice = Plain<desk.Slice>
export type DayCount = Plain<desk.DayCount>
/** One SLA clock over a group: medians and 90th percentiles in seconds, read from Go's histogram buckets (-1: none). */
export type TimeStats = Plain<desk.TimeStats>
export type SLARow = Plain<desk.SLARow>
/** The Team dashboard (managers and admins). */
export type TeamInsight = Plain<desk.TeamInsight>
export type ChangedTicket = Plain<desk.ChangedTicket>
/** The Mine dashboard of the signed-in user. */
export type MyInsight = Plain<desk.MyInsight>

/** The Team dashboard's panels that export to CSV. */
export type InsightPanel =
  | 'days'
  | 'openByStatus'
  | 'openBySubject'
  | 'openBySource'
  | 'openByAssignee'
  | 'age'
  | 'hours'
  | 'weekdays'
  | 'slaWeeks'
  | 'slaSubjects'
  | 'slaPeople'

export const dashboardApi = {
  team: () => invoke<Dashboard>(() => DashboardService.Team()),
  teamInsight: (f: InsightFilter) => invoke<TeamInsight>(() => DashboardService.TeamInsight(asArg(f))),
  mine: () => invoke<MyInsight>(() => DashboardService.Mine()),
  markMineSeen: () => invoke<void>(() => DashboardService.MarkMineSeen()),
  /** Asks where to save and writes the panel's numbers as CSV; '' when the user cancelled. */
  exportPanel: (f: InsightFilter, panel: InsightPanel) => invoke<string>(() => DashboardService.ExportPanel(asArg(f), panel)),
}
