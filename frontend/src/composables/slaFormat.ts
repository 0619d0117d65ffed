// Words for the SLA figures Go computes. Nothing here works out a due time or
// a state: it only says what Go sent.

import type { SLABadge, SLAClock } from '@/api'
import { formatSpan } from './format'

export type SlaTone = 'running' | 'warning' | 'paused' | 'breached' | 'met'

const CLOCK_LABEL: Record<string, string> = {
  first_response: 'First response',
  resolution: 'Resolution',
}

export function clockLabel(kind: string): string {
  return CLOCK_LABEL[kind] ?? kind.replace(/_/g, ' ')
}

/** What a clock's state says after its label: "12 min left", "paused", "2 h overdue". */
export function slaStatusText(state: string, leftSeconds: number, overdueSeconds: number): string {
  switch (state) {
    case 'running':
    case 'warning':
      return `${formatSpan(leftSeconds)} left`
    case 'breached':
      return `${formatSpan(overdueSeconds)} overdue`
    case 'paused':
      return 'paused'
    case 'met':
      return 'met'
    case 'met_late':
      return 'met late'
    default:
      return state.replace(/_/g, ' ')
  }
}

/** The queue badge: "First response · 12 min left". */
export function badgeText(b: SLABadge): string {
  return `${clockLabel(b.clock)} · ${slaStatusText(b.state, b.leftSeconds, b.overdueSeconds)}`
}

/** The colour family of a state; met and met late are both subdued. */
export function slaTone(state: string, warning = false): SlaTone {
  if (state === 'running' && warning) return 'warning'
  switch (state) {
    case 'running':
    case 'warning':
    case 'paused':
    case 'breached':
      return state
    default:
      return 'met'
  }
}

const STATE_LABEL: Record<string, string> = {
  running: 'Running',
  warning: 'Due soon',
  paused: 'Paused',
  breached: 'Breached',
  met: 'Met',
  met_late: 'Met late',
}

/** The state tag of a clock on the ticket ("Due soon" for a running clock past its warning share). */
export function clockStateLabel(c: Pick<SLAClock, 'state' | 'warning'>): string {
  if (c.state === 'running' && c.warning) return STATE_LABEL.warning!
  return STATE_LABEL[c.state] ?? c.state.replace(/_/g, ' ')
}

/** PrimeVue Tag severity for a state. */
export function clockSeverity(c: Pick<SLAClock, 'state' | 'warning'>): 'success' | 'warn' | 'danger' | 'secondary' | 'info' {
  switch (slaTone(c.state, c.warning)) {
    case 'running':
      return 'success'
    case 'warning':
      return 'warn'
    case 'breached':
      return 'danger'
    case 'paused':
      return 'secondary'
    default:
      return 'info'
  }
}

/**
 * A target in minutes in hours and minutes, as the admin screen shows it
 * beside the number: "45 min", "4 h", "1 h 30 min", "72 h" (never days: a
 * target in business time is not a number of calendar days).
 */
export function formatMinutes(minutes: number | null | undefined): string {
  if (!minutes || minutes <= 0 || !Number.isFinite(minutes)) return ''
  const m = Math.round(minutes)
  const h = Math.floor(m / 60)
  if (h === 0) return `${m} min`
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`
}

/**
 * A span in the policy's time, saying which: "8 business hours", "1 business
 * hour 30 min", "45 business min" (never days: a business day is not 24 h),
 * or the calendar span as formatSpan writes it ("3 d 2 h").
 */
export function policySpan(seconds: number, business: boolean): string {
  if (!business) return formatSpan(seconds)
  const m = Math.max(0, Math.round(seconds / 60))
  if (m === 0 && seconds > 0) return 'under 1 business min'
  const h = Math.floor(m / 60)
  if (h === 0) return `${m} business min`
  const hours = `${h} business ${h === 1 ? 'hour' : 'hours'}`
  return m % 60 === 0 ? hours : `${hours} ${m % 60} min`
}

/** A due time as the desk reads it: "Tue 10:00", with the date when it is a week or more away. */
export function formatDue(iso: string, now: number = Date.now()): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const far = Math.abs(d.getTime() - now) >= 6 * 24 * 3600 * 1000
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(far ? { day: 'numeric', month: 'short' } : {}),
  }).format(d)
}

/** What the figures Go sent say in full, for a tooltip or a reader: "8 business hours left, due Tue 10:00". */
export function slaSentence(
  b: Pick<SLABadge, 'state' | 'leftSeconds' | 'overdueSeconds' | 'due' | 'resumeDue' | 'business'>,
  now: number = Date.now(),
): string {
  const due = b.due ? `, due ${formatDue(b.due, now)}` : ''
  switch (b.state) {
    case 'running':
    case 'warning':
      return `${policySpan(b.leftSeconds, b.business)} left${due}`
    case 'breached':
      return b.overdueSeconds > 0 ? `${policySpan(b.overdueSeconds, b.business)} overdue${due ? `, was${due.slice(1)}` : ''}` : `overdue${due ? `, was${due.slice(1)}` : ''}`
    case 'paused':
      return `paused with ${policySpan(b.leftSeconds, b.business)} left${b.resumeDue ? `; due ${formatDue(b.resumeDue, now)} if it runs again now` : ''}`
    default:
      return slaStatusText(b.state, b.leftSeconds, b.overdueSeconds)
  }
}
