import { describe, expect, it } from 'vitest'
import type { SLAConfig } from '@/api'
import {
  fieldKeys,
  fieldLabel,
  formatProblem,
  inputId,
  isTimeOfDay,
  move,
  newCalendar,
  newPolicy,
  normalizeConfig,
  parentPath,
  resolveField,
  toSave,
  valueAt,
} from './slaForm'

// What SLAService.Config sends for a new workspace (Go leaves empty fields out).
function goConfig(): SLAConfig {
  return JSON.parse(`{
    "calendars": [{ "id": "default", "name": "Business hours", "zone": "Europe/Berlin",
      "week": { "monday": [{ "start": "09:00", "end": "13:00" }, { "start": "14:00", "end": "18:00" }],
                "tuesday": [{ "start": "09:00", "end": "18:00" }], "wednesday": [], "thursday": [],
                "friday": [], "saturday": [], "sunday": [] },
      "holidays": [{ "date": "2026-12-25", "yearly": true }] }],
    "policies": [{ "id": "p1", "name": "VIP", "match": { "priorities": ["urgent"], "subjectIds": null,
      "sourceIds": [], "contactKinds": ["customer"] }, "noSla": false, "mode": "calendar",
      "targets": { "urgent": { "firstResponse": 15, "resolution": 120 } } }],
    "default": { "id": "default", "name": "Default", "match": { "priorities": null, "subjectIds": null,
      "sourceIds": null, "contactKinds": null }, "noSla": false, "mode": "business", "calendarId": "default",
      "targets": { "urgent": { "firstResponse": 30, "resolution": 240 }, "high": { "firstResponse": 60, "resolution": 480 },
        "medium": { "firstResponse": 240, "resolution": 1440 }, "low": { "firstResponse": 480, "resolution": 4320 } } }
  }`) as SLAConfig
}

describe('normalizeConfig', () => {
  const c = normalizeConfig(goConfig())

  it('fills what Go leaves out', () => {
    expect(c.calendars[0]!.holidays[0]).toEqual({ date: '2026-12-25', yearly: true, name: '' })
    expect(c.policies[0]!.calendarId).toBe('')
    expect(c.policies[0]!.match.subjectIds).toEqual([])
    expect(c.default.match.priorities).toEqual([])
  })

  it('shows the default warning share when none is set', () => {
    expect(c.default.warnPercent).toBe(80)
  })

  it('gives every priority a target row, zero where Go had none', () => {
    expect(c.policies[0]!.targets.urgent).toEqual({ firstResponse: 15, resolution: 120 })
    expect(c.policies[0]!.targets.low).toEqual({ firstResponse: 0, resolution: 0 })
  })

  it('keeps several windows a day', () => {
    expect(c.calendars[0]!.week.monday).toEqual([
      { start: '09:00', end: '13:00' },
      { start: '14:00', end: '18:00' },
    ])
    expect(c.calendars[0]!.week.sunday).toEqual([])
  })
})

describe('resolveField: a Go error path to the input that shows it', () => {
  const c = normalizeConfig(goConfig())
  const keys = fieldKeys(c)

  it('finds the exact input', () => {
    expect(resolveField('calendars[0].zone', keys)).toBe('calendars[0].zone')
    expect(resolveField('policies[0].targets.low.resolution', keys)).toBe('policies[0].targets.low.resolution')
    expect(resolveField('default.targets.urgent.firstResponse', keys)).toBe('default.targets.urgent.firstResponse')
    expect(resolveField('calendars[0].week.monday[1].end', keys)).toBe('calendars[0].week.monday[1].end')
    expect(resolveField('calendars[0].holidays[0].date', keys)).toBe('calendars[0].holidays[0].date')
    expect(resolveField('policies[0].calendarId', keys)).toBe('policies[0].calendarId')
  })

  it('falls back to the nearest input above the path', () => {
    // an overlap names the window, not one of its ends
    expect(resolveField('calendars[0].week.monday[1]', keys)).toBe('calendars[0].week.monday[1]')
    // one bad entry of a list shows at the list
    expect(resolveField('policies[0].match.priorities[0]', keys)).toBe('policies[0].match.priorities')
    expect(resolveField('policies[0].match.contactKinds[3]', keys)).toBe('policies[0].match.contactKinds')
    // an unknown priority in the targets map shows on the policy
    expect(resolveField('policies[0].targets.someday', keys)).toBe('policies[0]')
    expect(resolveField('calendars[0].week', keys)).toBe('calendars[0].week')
  })

  it('knows only the inputs the form has', () => {
    expect(keys).not.toContain('default.match.priorities') // the default policy matches everything
    expect(resolveField('default.match.priorities[0]', keys)).toBe('default')
    expect(resolveField('calendars[3].zone', keys)).toBe('calendars') // a calendar the form no longer has
    expect(resolveField('calendars', keys)).toBe('calendars')
    expect(resolveField('', keys)).toBeNull()
    expect(resolveField(undefined, keys)).toBeNull()
    expect(resolveField('subjectIds', keys)).toBeNull()
  })

  it('steps up one part of a path at a time', () => {
    expect(parentPath('calendars[0].week.monday[1].end')).toBe('calendars[0].week.monday[1]')
    expect(parentPath('calendars[0].week.monday[1]')).toBe('calendars[0].week.monday')
    expect(parentPath('calendars[0]')).toBe('calendars')
    expect(parentPath('calendars')).toBe('')
  })

  it('gives each input its own DOM id', () => {
    expect(inputId('calendars[0].zone')).toBe('sla-calendars-0-zone')
    expect(inputId('policies[1].targets.low.resolution')).toBe('sla-policies-1-targets-low-resolution')
    expect(inputId('calendars[0].week.monday[1]')).toBe('sla-calendars-0-week-monday-1')
    expect(new Set(keys.map(inputId)).size).toBe(keys.length)
  })

  it('reads the value at a path', () => {
    expect(valueAt(c, 'calendars[0].week.monday[1].end')).toBe('18:00')
    expect(valueAt(c, 'policies[0].targets.urgent.resolution')).toBe(120)
    expect(valueAt(c, 'calendars[4].zone')).toBeUndefined()
  })
})

describe('fieldLabel: where a path points, for the toast', () => {
  const c = normalizeConfig(goConfig())
  it('names the calendar or policy and the input', () => {
    expect(fieldLabel('calendars[0].zone', c)).toBe('Calendar "Business hours", time zone')
    expect(fieldLabel('policies[0].targets.low.resolution', c)).toBe('Policy "VIP", Low resolution target')
    expect(fieldLabel('default.targets.urgent.firstResponse', c)).toBe('Default policy, Urgent first response target')
    expect(fieldLabel('calendars[0].week.monday[1].end', c)).toBe('Calendar "Business hours", Monday window 2 end')
    expect(fieldLabel('calendars[0].holidays[0].date', c)).toBe('Calendar "Business hours", holiday 1 date')
    expect(fieldLabel('policies[0].match.priorities[0]', c)).toBe('Policy "VIP", applies to priorities')
    expect(fieldLabel('policies[3].name', c)).toBe('Policy 4, name')
    expect(fieldLabel('calendars', c)).toBe('Business calendars')
  })
})

describe('formatProblem: times and dates Go could not read', () => {
  it('accepts HH:MM from 00:00 to 24:00', () => {
    for (const ok of ['00:00', '09:30', '23:59', '24:00']) expect(isTimeOfDay(ok)).toBe(true)
    for (const bad of ['9:30', '24:30', '12:60', '25:00', '0930', '', 'ab:cd']) expect(isTimeOfDay(bad)).toBe(false)
  })

  it('names the first bad time or date', () => {
    const c = normalizeConfig(goConfig())
    expect(formatProblem(c)).toBeNull()
    c.calendars[0]!.week.monday[1]!.end = '6pm'
    expect(formatProblem(c)).toEqual({
      field: 'calendars[0].week.monday[1].end',
      message: 'Monday: give the end as HH:MM, from 00:00 to 24:00',
    })
    c.calendars[0]!.week.monday[1]!.end = '18:00'
    c.calendars[0]!.holidays.push({ date: '', yearly: false, name: 'Founders day' })
    expect(formatProblem(c)?.field).toBe('calendars[0].holidays[1].date')
  })

  it('leaves the sense of the times to Go', () => {
    const c = normalizeConfig(goConfig())
    c.calendars[0]!.week.tuesday = [{ start: '18:00', end: '09:00' }]
    expect(formatProblem(c)).toBeNull()
  })
})

describe('editing', () => {
  it('moves a policy up and down, not past either end', () => {
    const list = ['a', 'b', 'c']
    expect(move(list, 2, -1)).toBe(true)
    expect(list).toEqual(['a', 'c', 'b'])
    expect(move(list, 0, -1)).toBe(false)
    expect(move(list, 2, 1)).toBe(false)
    expect(move(list, 0, 1)).toBe(true)
    expect(list).toEqual(['c', 'a', 'b'])
  })

  it('starts a new policy from the default terms, matching nothing yet', () => {
    const c = normalizeConfig(goConfig())
    const p = newPolicy(c.default)
    expect(p.id).toBe('')
    expect(p.name).toBe('')
    expect(p.targets.low).toEqual({ firstResponse: 480, resolution: 4320 })
    expect(p.match).toEqual({ priorities: [], subjectIds: [], sourceIds: [], contactKinds: [] })
    p.targets.low.resolution = 1
    expect(c.default.targets.low.resolution).toBe(4320)
  })

  it('starts a new calendar on weekdays 09:00–18:00', () => {
    const cal = newCalendar('Africa/Nairobi')
    expect(cal.zone).toBe('Africa/Nairobi')
    expect(cal.week.friday).toEqual([{ start: '09:00', end: '18:00' }])
    expect(cal.week.saturday).toEqual([])
  })

  it('saves trimmed names and times', () => {
    const c = normalizeConfig(goConfig())
    c.calendars[0]!.zone = ' Europe/Berlin '
    c.calendars[0]!.week.monday[0]!.start = ' 09:00'
    c.policies[0]!.name = ' VIP  '
    const out = toSave(c)
    expect(out.calendars[0]!.zone).toBe('Europe/Berlin')
    expect(out.calendars[0]!.week.monday[0]!.start).toBe('09:00')
    expect(out.policies[0]!.name).toBe('VIP')
    expect(c.policies[0]!.name).toBe(' VIP  ')
  })
})
