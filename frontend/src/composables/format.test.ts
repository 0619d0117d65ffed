import { describe, expect, it } from 'vitest'
import { formatExact, formatRelative } from './format'

describe('formatRelative', () => {
  const now = Date.parse('2026-03-10T12:00:00Z')

  it('says just now for the last few seconds', () => {
    expect(formatRelative('2026-03-10T11:59:40Z', now)).toBe('just now')
  })

  it('uses the largest whole unit', () => {
    const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })
    expect(formatRelative('2026-03-10T11:55:00Z', now)).toBe(rtf.format(-5, 'minute'))
    expect(formatRelative('2026-03-10T09:00:00Z', now)).toBe(rtf.format(-3, 'hour'))
    expect(formatRelative('2026-03-08T12:00:00Z', now)).toBe(rtf.format(-2, 'day'))
  })

  it('gives nothing for a missing or broken time', () => {
    expect(formatRelative('', now)).toBe('')
    expect(formatRelative('yesterday-ish', now)).toBe('')
    expect(formatExact('')).toBe('')
  })
})
