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

describe('formatBytes and formatSpan', () => {
  it('says sizes and spans in plain words', async () => {
    const { formatBytes, formatSpan } = await import('./format')
    expect(formatBytes(812)).toBe('812 bytes')
    expect(formatBytes(1536)).toBe('2 KB')
    expect(formatBytes(3.25 * (1 << 20))).toBe('3.3 MB')
    expect(formatSpan(45 * 60)).toBe('45 min')
    expect(formatSpan(3 * 3600 + 20 * 60)).toBe('3 h 20 min')
    expect(formatSpan(2 * 86400 + 4 * 3600)).toBe('2 d 4 h')
    expect(formatSpan(109 * 86400 + 13 * 3600)).toBe('109 d')
    expect(formatSpan(-30)).toBe('0 min')
  })
})
