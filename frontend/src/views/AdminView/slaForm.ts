// The SLA settings form: what it edits, which input each error path from Go
// belongs to, and the few format checks Go cannot report by field (a time
// that is not HH:MM never reaches its validation). Everything about how the
// clocks run is Go's; this file only shapes the form.

import type {
  BusinessCalendar,
  Holiday,
  Priority,
  SLAConfig,
  SLAPolicy,
  SLATarget,
  Weekday,
  WorkWindow,
} from '@/api'

export const WEEKDAYS: { key: Weekday; label: string }[] = [
  { key: 'monday', label: 'Monday' },
  { key: 'tuesday', label: 'Tuesday' },
  { key: 'wednesday', label: 'Wednesday' },
  { key: 'thursday', label: 'Thursday' },
  { key: 'friday', label: 'Friday' },
  { key: 'saturday', label: 'Saturday' },
  { key: 'sunday', label: 'Sunday' },
]

/** Most urgent first, as the targets table shows them. */
export const PRIORITIES: Priority[] = ['urgent', 'high', 'medium', 'low']

export const DEFAULT_WARN_PERCENT = 80

/** The match lists of a policy, in the order the form shows them. */
export const MATCH_LISTS = ['priorities', 'subjectIds', 'sourceIds', 'contactKinds'] as const

type Loose<T> = { [K in keyof T]?: T[K] | null }

function emptyWeek(): Record<Weekday, WorkWindow[]> {
  return { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] }
}

function calendarFrom(c: Loose<BusinessCalendar>): BusinessCalendar {
  const week = emptyWeek()
  for (const { key } of WEEKDAYS) week[key] = (c.week?.[key] ?? []).map((w) => ({ start: w.start, end: w.end }))
  return {
    id: c.id ?? '',
    name: c.name ?? '',
    zone: c.zone ?? '',
    week,
    holidays: (c.holidays ?? []).map((h: Loose<Holiday>) => ({ date: h.date ?? '', yearly: !!h.yearly, name: h.name ?? '' })),
  }
}

function policyFrom(p: Loose<SLAPolicy>): SLAPolicy {
  const targets = {} as Record<Priority, SLATarget>
  for (const pr of PRIORITIES) {
    const t = p.targets?.[pr]
    targets[pr] = { firstResponse: t?.firstResponse ?? 0, resolution: t?.resolution ?? 0 }
  }
  return {
    id: p.id ?? '',
    name: p.name ?? '',
    match: {
      priorities: [...(p.match?.priorities ?? [])],
      subjectIds: [...(p.match?.subjectIds ?? [])],
      sourceIds: [...(p.match?.sourceIds ?? [])],
      contactKinds: [...(p.match?.contactKinds ?? [])],
    },
    noSla: !!p.noSla,
    mode: p.mode === 'calendar' ? 'calendar' : 'business',
    calendarId: p.calendarId ?? '',
    // Go leaves 0 out of the JSON and reads it as the default: show the default.
    warnPercent: p.warnPercent || DEFAULT_WARN_PERCENT,
    targets,
  }
}

/** A copy of what Go sent with every field present (Go omits empty ones). */
export function normalizeConfig(c: Loose<SLAConfig>): SLAConfig {
  return {
    calendars: (c.calendars ?? []).map(calendarFrom),
    policies: (c.policies ?? []).map(policyFrom),
    default: policyFrom(c.default ?? {}),
  }
}

/** A new calendar: Monday to Friday, 09:00–18:00, in the given zone. */
export function newCalendar(zone: string): BusinessCalendar {
  const week = emptyWeek()
  for (const d of ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const) week[d] = [{ start: '09:00', end: '18:00' }]
  return { id: '', name: '', zone, week, holidays: [] }
}

/** A new policy that starts from the default policy's terms and matches nothing yet. */
export function newPolicy(from: SLAPolicy): SLAPolicy {
  const p = policyFrom(JSON.parse(JSON.stringify(from)) as SLAPolicy)
  return { ...p, id: '', name: '', match: { priorities: [], subjectIds: [], sourceIds: [], contactKinds: [] } }
}

/** Moves item `i` of `list` by `by` places (−1 up, +1 down), in place; false at either end. */
export function move<T>(list: T[], i: number, by: -1 | 1): boolean {
  const j = i + by
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return false
  const [item] = list.splice(i, 1)
  list.splice(j, 0, item as T)
  return true
}

// Field paths ---------------------------------------------------------------

function policyKeys(prefix: string, isDefault: boolean): string[] {
  const keys = [prefix, `${prefix}.name`, `${prefix}.noSla`, `${prefix}.mode`, `${prefix}.calendarId`, `${prefix}.warnPercent`]
  if (!isDefault) for (const l of MATCH_LISTS) keys.push(`${prefix}.match.${l}`)
  for (const pr of PRIORITIES) {
    keys.push(`${prefix}.targets.${pr}`, `${prefix}.targets.${pr}.firstResponse`, `${prefix}.targets.${pr}.resolution`)
  }
  return keys
}

/** Every path the form shows a message at, in the words of Go's error paths. */
export function fieldKeys(c: SLAConfig): string[] {
  const keys = ['calendars', 'policies']
  c.calendars.forEach((cal, i) => {
    const p = `calendars[${i}]`
    keys.push(p, `${p}.name`, `${p}.zone`, `${p}.week`, `${p}.holidays`)
    for (const { key } of WEEKDAYS) {
      cal.week[key].forEach((_, j) => keys.push(`${p}.week.${key}[${j}]`, `${p}.week.${key}[${j}].start`, `${p}.week.${key}[${j}].end`))
    }
    cal.holidays.forEach((_, j) => keys.push(`${p}.holidays[${j}].date`, `${p}.holidays[${j}].name`))
  })
  c.policies.forEach((_, i) => keys.push(...policyKeys(`policies[${i}]`, false)))
  keys.push(...policyKeys('default', true))
  return keys
}

/** The path one step up: `a.b[2]` → `a.b`, `a.b.c` → `a.b`, `a` → ''. */
export function parentPath(path: string): string {
  const m = /^(.*)(\[\d+\]|\.[^.[\]]+)$/.exec(path)
  return m ? m[1]! : ''
}

/**
 * The input a Go error path belongs to: the path itself when the form has
 * it, else its nearest ancestor that the form has (an error at
 * `policies[0].match.priorities[1]` shows at the priorities list). Null when
 * nothing in the form fits (the message then goes to a toast only).
 */
export function resolveField(path: string | undefined, keys: readonly string[]): string | null {
  let p = path?.trim() ?? ''
  while (p) {
    if (keys.includes(p)) return p
    p = parentPath(p)
  }
  return null
}

/** The DOM id of the input that shows field `key`. */
export function inputId(key: string): string {
  return 'sla-' + key.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '')
}

/** The value at a path such as `calendars[0].week.monday[1].end` (undefined when absent). */
export function valueAt(root: unknown, path: string): unknown {
  let cur: unknown = root
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[part]
  }
  return cur
}

// Format checks ---------------------------------------------------------------

export interface FieldProblem {
  field: string
  message: string
}

const TIME = /^(\d{2}):(\d{2})$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

/** Whether `s` is written as HH:MM between 00:00 and 24:00. */
export function isTimeOfDay(s: string): boolean {
  const m = TIME.exec(s)
  if (!m) return false
  const h = Number(m[1])
  const min = Number(m[2])
  return min <= 59 && (h < 24 || (h === 24 && min === 0))
}

/**
 * The first time or date not written the way Go reads it (HH:MM, YYYY-MM-DD).
 * Go refuses such JSON before it can say which field is wrong, so the form
 * says it instead. Whether the times make sense is left to Go.
 */
export function formatProblem(c: SLAConfig): FieldProblem | null {
  for (const [i, cal] of c.calendars.entries()) {
    for (const { key, label } of WEEKDAYS) {
      for (const [j, w] of cal.week[key].entries()) {
        for (const end of ['start', 'end'] as const) {
          if (!isTimeOfDay(w[end].trim())) {
            return {
              field: `calendars[${i}].week.${key}[${j}].${end}`,
              message: `${label}: give the ${end} as HH:MM, from 00:00 to 24:00`,
            }
          }
        }
      }
    }
    for (const [j, h] of cal.holidays.entries()) {
      if (!DATE.test(h.date)) return { field: `calendars[${i}].holidays[${j}].date`, message: 'Give the date of the holiday' }
    }
  }
  return null
}

/** The config as Go wants it: trimmed times and names. */
export function toSave(c: SLAConfig): SLAConfig {
  const out = JSON.parse(JSON.stringify(c)) as SLAConfig
  for (const cal of out.calendars) {
    cal.name = cal.name.trim()
    cal.zone = cal.zone.trim()
    for (const { key } of WEEKDAYS) cal.week[key] = cal.week[key].map((w) => ({ start: w.start.trim(), end: w.end.trim() }))
  }
  for (const p of [...out.policies, out.default]) p.name = p.name.trim()
  return out
}

// Words for a path ------------------------------------------------------------

const WORDS: Record<string, string> = {
  name: 'name',
  zone: 'time zone',
  week: 'working hours',
  holidays: 'holidays',
  noSla: 'No SLA',
  mode: 'measured in',
  calendarId: 'calendar',
  warnPercent: 'warn at',
  priorities: 'priorities',
  subjectIds: 'subjects',
  sourceIds: 'sources',
  contactKinds: 'customer or lead',
  firstResponse: 'first response',
  resolution: 'resolution',
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/**
 * Where a Go error path points, in the screen's words, for the toast:
 * `calendars[0].zone` → `Calendar "Business hours", time zone`;
 * `policies[1].targets.low.resolution` → `Policy "VIP", Low resolution target`.
 */
export function fieldLabel(path: string, c: SLAConfig): string {
  const m = /^(calendars|policies)\[(\d+)\](?:\.(.*))?$|^(default)(?:\.(.*))?$/.exec(path)
  if (!m) return WORDS[path] ?? (path === 'calendars' ? 'Business calendars' : path === 'policies' ? 'Policies' : path)
  let where: string
  let rest: string
  if (m[4]) {
    where = 'Default policy'
    rest = m[5] ?? ''
  } else {
    const i = Number(m[2])
    const named = m[1] === 'calendars' ? c.calendars[i]?.name : c.policies[i]?.name
    const noun = m[1] === 'calendars' ? 'Calendar' : 'Policy'
    where = named?.trim() ? `${noun} "${named.trim()}"` : `${noun} ${i + 1}`
    rest = m[3] ?? ''
  }
  if (!rest) return where
  let what: string
  let t: RegExpExecArray | null
  if ((t = /^week\.(\w+)\[(\d+)\](?:\.(start|end))?$/.exec(rest))) {
    what = `${cap(t[1]!)} window ${Number(t[2]) + 1}${t[3] ? ` ${t[3]}` : ''}`
  } else if ((t = /^holidays\[(\d+)\]\.(\w+)$/.exec(rest))) {
    what = `holiday ${Number(t[1]) + 1} ${t[2] === 'date' ? 'date' : WORDS[t[2]!] ?? t[2]}`
  } else if ((t = /^targets\.(\w+)(?:\.(\w+))?$/.exec(rest))) {
    what = `${cap(t[1]!)} ${t[2] ? `${WORDS[t[2]] ?? t[2]} target` : 'targets'}`
  } else if ((t = /^match\.(\w+)/.exec(rest))) {
    what = `applies to ${WORDS[t[1]!] ?? t[1]}`
  } else {
    what = WORDS[rest] ?? rest
  }
  return `${where}, ${what}`
}
