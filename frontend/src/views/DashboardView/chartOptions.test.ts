import { describe, expect, it } from 'vitest'
import type { InsightFilter, SLARow, TeamInsight } from '@/api'
import { busiestChart, daysChart, duration, hours, percent, slaChart, sliceTarget, slicesChart, targetOf } from './chartOptions'

const week: InsightFilter = { from: '2026-03-02', to: '2026-03-04', subjectId: '', sourceId: 'walkin', assigneeId: '' }

type Series = { name: string; type: string; data: unknown[] }
const seriesOf = (o: Record<string, unknown>) => o.series as Series[]

describe('daysChart', () => {
  const days = [
    { day: '2026-03-02', created: 3, resolved: 1 },
    { day: '2026-03-03', created: 1, resolved: 0 },
  ]
  it('puts created and resolved side by side, one category per day', () => {
    const c = daysChart(days, week, false)
    expect(seriesOf(c.option).map((s) => [s.name, s.data])).toEqual([
      ['Created', [3, 1]],
      ['Resolved', [1, 0]],
    ])
    expect((c.option.xAxis as { data: string[] }).data).toHaveLength(2)
  })
  it('opens the tickets created that day under the dashboard filter; resolved bars open nothing', () => {
    const c = daysChart(days, week, false)
    expect(c.targets[0][1]).toEqual({
      statuses: [],
      subjectIds: [],
      sourceIds: ['walkin'],
      assigneeIds: [],
      createdFrom: '2026-03-03',
      createdTo: '2026-03-03',
    })
    expect(c.targets[1]).toEqual([null, null])
  })
  it('follows the dark theme flag and never animates', () => {
    expect(daysChart(days, week, true).option).toMatchObject({ darkMode: true, animation: false, backgroundColor: 'transparent' })
    expect(daysChart(days, week, false).option).toMatchObject({ darkMode: false })
  })
})

describe('slicesChart', () => {
  const slices = [
    { key: 's1', label: 'Complaint', count: 2 },
    { key: 's2', label: 'Technical Support', count: 1 },
  ]
  it('draws subjects as a donut with one slice each', () => {
    const c = slicesChart('subject', slices, week, false)
    const [s] = seriesOf(c.option)
    expect(s.type).toBe('pie')
    expect(s.data).toEqual([
      { name: 'Complaint', value: 2 },
      { name: 'Technical Support', value: 1 },
    ])
    expect(c.targets[0][0]).toMatchObject({ statuses: ['open', 'in_progress', 'waiting'], subjectIds: ['s1'], sourceIds: ['walkin'] })
  })
  it('draws statuses as bars that open that status', () => {
    const c = slicesChart('status', [{ key: 'waiting', label: 'Waiting for Customer', count: 4 }], week, false)
    expect(seriesOf(c.option)[0]).toMatchObject({ type: 'bar', data: [4] })
    expect(c.targets[0][0]?.statuses).toEqual(['waiting'])
  })
  it('leaves unassigned and no-source slices unclickable: the queue has no such filter', () => {
    expect(sliceTarget('assignee', { key: '(unassigned)', label: 'Unassigned', count: 3 }, week)).toBeNull()
    expect(sliceTarget('source', { key: '', label: 'No source', count: 3 }, week)).toBeNull()
  })
  it('opens an age bucket as its created-date range of open tickets', () => {
    const t = sliceTarget('age', { key: '1-3', label: '1 to 3 days', count: 1, createdFrom: '2026-03-02', createdTo: '2026-03-03' }, week)
    expect(t).toMatchObject({ statuses: ['open', 'in_progress', 'waiting'], createdFrom: '2026-03-02', createdTo: '2026-03-03' })
  })
  it('an assignee slice replaces the dashboard assignee filter', () => {
    expect(targetOf({ ...week, assigneeId: 'a' }, { assigneeIds: ['b'] }).assigneeIds).toEqual(['b'])
    expect(targetOf({ ...week, assigneeId: 'a' }, {}).assigneeIds).toEqual(['a'])
  })
})

describe('busiestChart', () => {
  it('labels 24 hours and 7 days starting Monday', () => {
    const h = busiestChart('hours', Array.from({ length: 24 }, (_, i) => i), false)
    expect((h.option.xAxis as { data: string[] }).data[9]).toBe('09:00')
    const w = busiestChart('weekdays', [5, 1, 0, 0, 0, 0, 2], false)
    expect((w.option.xAxis as { data: string[] }).data).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'])
    expect(w.targets[0].every((t) => t === null)).toBe(true)
  })
})

describe('slaChart', () => {
  const stats = (median: number, p90: number, count = 2) => ({ count, met: 1, metShare: 0.5, medianSecs: median, p90Secs: p90 })
  const row = (key: string, label: string): SLARow => ({ key, label, response: stats(2700, 5400), resolution: stats(-1, -1, 0) })
  const ti = { filter: week } as TeamInsight
  it('gives medians and 90th percentiles in minutes while all are under two hours, none as a gap', () => {
    const c = slaChart('person', [row('u1', 'Bob')], ti, false)
    expect(seriesOf(c.option).map((s) => s.data[0])).toEqual([45, 90, null, null])
    expect(c.option.yAxis).toMatchObject({ name: 'minutes' })
    expect(c.targets[0][0]).toMatchObject({ assigneeIds: ['u1'], createdFrom: '2026-03-02', createdTo: '2026-03-04' })
  })
  it('switches to hours when a time reaches two hours', () => {
    const long: SLARow = { ...row('u2', 'Cy'), resolution: stats(7200, 36000) }
    const c = slaChart('person', [row('u1', 'Bob'), long], ti, false)
    expect(seriesOf(c.option).map((s) => s.data)).toEqual([
      [0.8, 0.8],
      [1.5, 1.5],
      [null, 2],
      [null, 10],
    ])
    expect(c.option.yAxis).toMatchObject({ name: 'hours' })
  })
  it('opens a week as its days inside the range', () => {
    const c = slaChart('week', [row('2026-03-02', 'Week of 2026-03-02')], ti, false)
    expect(c.targets[2][0]).toMatchObject({ createdFrom: '2026-03-02', createdTo: '2026-03-04' })
  })
})

describe('formatting', () => {
  it('rounds hours to one decimal and shares to whole percents', () => {
    expect(hours(5400)).toBe(1.5)
    expect(hours(-1)).toBeNull()
    expect(duration(150)).toBe('3 min')
    expect(duration(7200)).toBe('2 h')
    expect(duration(-1)).toBe('–')
    expect(percent(2 / 3, 3)).toBe('67%')
    expect(percent(0, 0)).toBe('–')
  })
})
