import { describe, expect, it } from 'vitest'
import { toBackupProgress } from '@/api'
import { progressPercent } from './useBackupWork'

describe('backup progress', () => {
  it('reads the event defensively', () => {
    expect(toBackupProgress({ stage: 'Copying attachments', done: 3, total: 12 })).toEqual({ stage: 'Copying attachments', done: 3, total: 12 })
    expect(toBackupProgress(null)).toEqual({ stage: '', done: 0, total: 0 })
    expect(toBackupProgress({ stage: 5, done: '1' })).toEqual({ stage: '', done: 0, total: 0 })
  })
  it('says how far in percent', () => {
    expect(progressPercent({ stage: '', done: 3, total: 12 })).toBe(25)
    expect(progressPercent({ stage: '', done: 0, total: 0 })).toBe(0)
  })
})
