import { describe, expect, it } from 'vitest'
import { markedParts, unmarked } from './marks'

describe('markedParts', () => {
  it('splits marked words from plain text', () => {
    expect(markedParts('Card \u0002swallowed\u0003 at the \u0002ATM\u0003')).toEqual([
      { text: 'Card ', mark: false },
      { text: 'swallowed', mark: true },
      { text: ' at the ', mark: false },
      { text: 'ATM', mark: true },
    ])
  })
  it('keeps markup as text', () => {
    expect(markedParts('<b>\u0002x\u0003</b>')).toEqual([
      { text: '<b>', mark: false },
      { text: 'x', mark: true },
      { text: '</b>', mark: false },
    ])
  })
  it('copes with unbalanced marks and empty text', () => {
    expect(markedParts('')).toEqual([])
    expect(markedParts('a\u0003b\u0002c')).toEqual([
      { text: 'a', mark: false },
      { text: 'b', mark: false },
      { text: 'c', mark: true },
    ])
    expect(unmarked('\u0002Dora\u0003 Okafor')).toBe('Dora Okafor')
  })
})
