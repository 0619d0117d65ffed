// The Team and Mine dashboards' charts as ECharts options, built from the
// numbers Go counted, and what each bar or slice opens in the queue. Pure
// functions: the chart component only renders what these return.
import type { DayCount, InsightFilter, SLARow, Slice, TeamInsight, TicketStatus } from '@/api'

/** An ECharts option (kept loose: ECharts' own option type is large and this module only builds plain objects). */
export type ChartOption = Record<string, unknown>

/** Where a click on a bar or slice goes: the queue (All tickets) under these filters. */
export interface QueueTarget {
  statuses: TicketStatus[]
  subjectIds: string[]
  sourceIds: string[]
  assigneeIds: string[]
  createdFrom: string
  createdTo: string
}

/** A chart of the dashboard: its option and, per series and data index, what a click opens (null: not a list the queue can show). */
export interface Chart {
  option: ChartOption
  targets: (QueueTarget | null)[][]
}

export const OPEN_STATUSES: TicketStatus[] = ['open', 'in_progress', 'waiting']

const base = (dark: boolean): ChartOption => ({
  backgroundColor: 'transparent',
  animation: false,
  aria: { enabled: true },
  textStyle: { fontFamily: 'inherit' },
  darkMode: dark,
})

/** The dashboard's own filters as a queue target, narrowed further by `extra`. */
export function targetOf(f: InsightFilter, extra: Partial<QueueTarget>): QueueTarget {
  return {
    statuses: extra.statuses ?? [],
    subjectIds: extra.subjectIds ?? (f.subjectId ? [f.subjectId] : []),
    sourceIds: extra.sourceIds ?? (f.sourceId ? [f.sourceId] : []),
    assigneeIds: extra.assigneeIds ?? (f.assigneeId ? [f.assigneeId] : []),
    createdFrom: extra.createdFrom ?? '',
    createdTo: extra.createdTo ?? '',
  }
}

/** "2026-03-02" as "2 Mar", in the UI's locale, without a time zone shift. */
export function shortDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { day: 'numeric', month: 'short' })
}

/** Tickets created and resolved per day; a Created bar opens the tickets created that day. */
export function daysChart(days: DayCount[], f: InsightFilter, dark: boolean): Chart {
  return {
    option: {
      ...base(dark),
      tooltip: { trigger: 'axis' },
      legend: { data: ['Created', 'Resolved'], top: 0 },
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: days.map((d) => shortDay(d.day)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: 'Created', type: 'bar', data: days.map((d) => d.created), cursor: 'pointer' },
        { name: 'Resolved', type: 'bar', data: days.map((d) => d.resolved), cursor: 'default' },
      ],
    },
    // Resolved tickets are counted by the day they were resolved, which the
    // queue cannot filter on: those bars open nothing.
    targets: [days.map((d) => targetOf(f, { createdFrom: d.day, createdTo: d.day })), days.map(() => null)],
  }
}

/** What a slice of an open-tickets panel opens. */
export type SliceKind = 'status' | 'subject' | 'source' | 'assignee' | 'age'

/** The queue target of one slice of an open-tickets panel (null for Unassigned, which the queue cannot filter on). */
export function sliceTarget(kind: SliceKind, s: Slice, f: InsightFilter): QueueTarget | null {
  const open = { statuses: OPEN_STATUSES }
  switch (kind) {
    case 'status':
      return targetOf(f, { statuses: [s.key as TicketStatus] })
    case 'subject':
      return targetOf(f, { ...open, subjectIds: [s.key] })
    case 'source':
      return s.key === '' ? null : targetOf(f, { ...open, sourceIds: [s.key] })
    case 'assignee':
      return s.key === '(unassigned)' ? null : targetOf(f, { ...open, assigneeIds: [s.key] })
    case 'age':
      return targetOf(f, { ...open, createdFrom: s.createdFrom ?? '', createdTo: s.createdTo ?? '' })
  }
}

/** A panel of open tickets as a donut (subjects, sources) or bars (status, assignee, age). */
export function slicesChart(kind: SliceKind, slices: Slice[], f: InsightFilter, dark: boolean): Chart {
  const targets = [slices.map((s) => sliceTarget(kind, s, f))]
  if (kind === 'subject' || kind === 'source') {
    return {
      option: {
        ...base(dark),
        tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
        legend: { type: 'scroll', bottom: 0 },
        series: [
          {
            name: kind === 'subject' ? 'Open by subject' : 'Open by source',
            type: 'pie',
            radius: ['40%', '70%'],
            center: ['50%', '45%'],
            label: { show: false },
            data: slices.map((s) => ({ name: s.label, value: s.count })),
          },
        ],
      },
      targets,
    }
  }
  return {
    option: {
      ...base(dark),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: slices.map((s) => s.label) },
      series: [{ name: 'Open tickets', type: 'bar', data: slices.map((s) => s.count), cursor: 'pointer' }],
    },
    targets,
  }
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

/** Tickets created by hour of the day or day of the week (when walk-ins come); the queue has no such filter, so bars open nothing. */
export function busiestChart(by: 'hours' | 'weekdays', counts: number[], dark: boolean): Chart {
  const labels = by === 'hours' ? counts.map((_, h) => `${String(h).padStart(2, '0')}:00`) : WEEKDAYS.map((d) => d.slice(0, 3))
  return {
    option: {
      ...base(dark),
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: 'Created', type: 'bar', data: counts }],
    },
    targets: [counts.map(() => null)],
  }
}

/** Hours, to one decimal, of a number of seconds (null for none). */
export function hours(secs: number): number | null {
  return secs < 0 ? null : Math.round(secs / 360) / 10
}

/** Minutes, whole, of a number of seconds (null for none). */
export function minutes(secs: number): number | null {
  return secs < 0 ? null : Math.round(secs / 60)
}

/** A duration in words: "45 min" under two hours, "3.5 h" from there, "–" for none. */
export function duration(secs: number): string {
  if (secs < 0) return '–'
  return secs < 7200 ? `${minutes(secs)} min` : `${hours(secs)} h`
}

/** Per week, subject or person: median and 90th percentile of first response and resolution, in hours. */
export function slaChart(by: 'week' | 'subject' | 'person', rows: SLARow[], ti: TeamInsight, dark: boolean): Chart {
  const f = ti.filter
  const target = (r: SLARow): QueueTarget => {
    switch (by) {
      case 'week': {
        // The tickets created that week, within the dashboard's range.
        const [y, m, d] = r.key.split('-').map(Number)
        const sunday = new Date(Date.UTC(y, m - 1, d + 6)).toISOString().slice(0, 10)
        return targetOf(f, { createdFrom: r.key < f.from ? f.from : r.key, createdTo: sunday > f.to ? f.to : sunday })
      }
      case 'subject':
        return targetOf(f, { subjectIds: [r.key], createdFrom: f.from, createdTo: f.to })
      case 'person':
        return targetOf(f, { assigneeIds: [r.key], createdFrom: f.from, createdTo: f.to })
    }
  }
  const series = [
    { name: 'First response, median', pick: (r: SLARow) => r.response.medianSecs },
    { name: 'First response, 90th percentile', pick: (r: SLARow) => r.response.p90Secs },
    { name: 'Resolution, median', pick: (r: SLARow) => r.resolution.medianSecs },
    { name: 'Resolution, 90th percentile', pick: (r: SLARow) => r.resolution.p90Secs },
  ]
  // Minutes while every time is under two hours, hours from there.
  const longest = Math.max(-1, ...rows.flatMap((r) => series.map((s) => s.pick(r))))
  const inMinutes = longest < 7200
  const unit = inMinutes ? 'min' : 'h'
  return {
    option: {
      ...base(dark),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number | null) => (v === null ? '–' : `${v} ${unit}`) },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => (by === 'week' ? shortDay(r.key) : r.label)) },
      yAxis: { type: 'value', name: inMinutes ? 'minutes' : 'hours' },
      series: series.map((s) => ({
        name: s.name,
        type: 'bar',
        data: rows.map((r) => (inMinutes ? minutes(s.pick(r)) : hours(s.pick(r)))),
        cursor: 'pointer',
      })),
    },
    targets: series.map(() => rows.map(target)),
  }
}

/** "75%" of a share, "–" when nothing was counted. */
export function percent(share: number, count: number): string {
  return count === 0 ? '–' : `${Math.round(share * 100)}%`
}
