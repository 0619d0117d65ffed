import { describe, expect, it } from 'vitest'
import type { SLABadge } from '@/api'
import { formatSpan } from './format'
import { badgeText, clockSeverity, clockStateLabel, formatMinutes, policySpan, slaSentence, slaTone } from './slaFormat'

const badge = (over: Partial<SLABadge>): SLABadge => ({
  clock: 'first_response',
  state: 'running',
  due: '2026-03-10T12:00:00Z',
  resumeDue: '',
  business: false,
  leftSeconds: 0,
  overdueSeconds: 0,
  ...over,
})

describe('formatSpan', () => {
  it('says spans the way people do', () => {
    expect(formatSpan(0)).toBe('0 min')
    expect(formatSpan(20)).toBe('under 1 min')
    expect(formatSpan(12 * 60)).toBe('12 min')
    expect(formatSpan(12 * 60 + 29)).toBe('12 min')
    expect(formatSpan(2 * 3600)).toBe('2 h')
    expect(formatSpan(3 * 3600 + 5 * 60)).toBe('3 h 5 min')
    expect(formatSpan(2 * 86400 + 4 * 3600 + 59)).toBe('2 d 4 h')
    expect(formatSpan(3 * 86400)).toBe('3 d')
  })

  it('never shows a negative span', () => {
    expect(formatSpan(-300)).toBe('0 min')
  })
})

describe('badgeText', () => {
  it('says the clock and what is left or overdue', () => {
    expect(badgeText(badge({ leftSeconds: 12 * 60 }))).toBe('First response · 12 min left')
    expect(badgeText(badge({ state: 'warning', leftSeconds: 4 * 60 }))).toBe('First response · 4 min left')
    expect(badgeText(badge({ clock: 'resolution', state: 'paused', due: '', leftSeconds: 3600 }))).toBe('Resolution · paused')
    expect(badgeText(badge({ clock: 'resolution', state: 'breached', overdueSeconds: 2 * 3600 }))).toBe('Resolution · 2 h overdue')
    expect(badgeText(badge({ clock: 'resolution', state: 'breached', overdueSeconds: 3 * 3600 + 300 }))).toBe(
      'Resolution · 3 h 5 min overdue',
    )
    expect(badgeText(badge({ clock: 'resolution', state: 'met' }))).toBe('Resolution · met')
    expect(badgeText(badge({ state: 'met_late' }))).toBe('First response · met late')
  })
})

describe('state colours and tags', () => {
  it('colours by state; met and met late alike', () => {
    expect(slaTone('running')).toBe('running')
    expect(slaTone('running', true)).toBe('warning')
    expect(slaTone('warning')).toBe('warning')
    expect(slaTone('breached')).toBe('breached')
    expect(slaTone('paused')).toBe('paused')
    expect(slaTone('met')).toBe('met')
    expect(slaTone('met_late')).toBe('met')
  })

  it('tags a running clock past its warning share as due soon', () => {
    expect(clockStateLabel({ state: 'running', warning: false })).toBe('Running')
    expect(clockStateLabel({ state: 'running', warning: true })).toBe('Due soon')
    expect(clockStateLabel({ state: 'met_late', warning: false })).toBe('Met late')
    expect(clockSeverity({ state: 'running', warning: true })).toBe('warn')
    expect(clockSeverity({ state: 'breached', warning: false })).toBe('danger')
    expect(clockSeverity({ state: 'paused', warning: false })).toBe('secondary')
  })
})

describe('formatMinutes', () => {
  it('shows a target in hours and minutes, never days', () => {
    expect(formatMinutes(45)).toBe('45 min')
    expect(formatMinutes(60)).toBe('1 h')
    expect(formatMinutes(90)).toBe('1 h 30 min')
    expect(formatMinutes(4320)).toBe('72 h')
  })

  it('shows nothing for an empty or non-positive target', () => {
    expect(formatMinutes(0)).toBe('')
    expect(formatMinutes(null)).toBe('')
    expect(formatMinutes(-5)).toBe('')
  })
})

describe('policySpan and slaSentence', () => {
  it('says business hours, never days, for business time', () => {
    expect(policySpan(8 * 3600, true)).toBe('8 business hours')
    expect(policySpan(3600 + 30 * 60, true)).toBe('1 business hour 30 min')
    expect(policySpan(45 * 60, true)).toBe('45 business min')
    expect(policySpan(30 * 3600, true)).toBe('30 business hours')
    expect(policySpan(30 * 3600, false)).toBe(formatSpan(30 * 3600))
  })
  it('tells the due time, and a paused clock the one it would have if it ran again', () => {
    const now = Date.parse('2026-03-09T08:00:00Z')
    const running = slaSentence(badge({ state: 'running', leftSeconds: 8 * 3600, business: true, due: '2026-03-10T10:00:00Z' }), now)
    expect(running).toMatch(/^8 business hours left, due \S+ \d\d:\d\d$/)
    const paused = slaSentence(badge({ state: 'paused', due: '', resumeDue: '2026-03-09T12:00:00Z', leftSeconds: 3 * 3600, business: true }), now)
    expect(paused).toMatch(/^paused with 3 business hours left; due \S+ \d\d:\d\d if it runs again now$/)
  })
})
