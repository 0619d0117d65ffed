import * as DashboardService from '../../wailsjs/go/app/DashboardService'
import { invoke } from './errors'
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

export const dashboardApi = {
  team: () => invoke<Dashboard>(() => DashboardService.Team()),
}
