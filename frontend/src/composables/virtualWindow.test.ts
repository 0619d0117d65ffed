import { describe, expect, it } from 'vitest'
import { rowWindow, scrollFor } from './virtualWindow'

const base = { rowHeight: 46, viewport: 460, overscan: 2, maxHeight: 10_000_000 }

describe('rowWindow', () => {
  it('renders the rows in sight and a few either side of a short list', () => {
    const w = rowWindow({ ...base, count: 1000, scrollTop: 46 * 100 })
    expect(w).toMatchObject({ first: 98, last: 112, height: 46_000, virtualTop: 4600 })
    // Rendered rows sit exactly where the full list would have them.
    expect(w.padTop).toBe(98 * 46)
    expect(w.padTop + (w.last - w.first) * 46 + w.padBottom).toBe(w.height)
  })

  it('starts at the top and stops at the end', () => {
    expect(rowWindow({ ...base, count: 1000, scrollTop: 0 })).toMatchObject({ first: 0, last: 12, padTop: 0 })
    const end = rowWindow({ ...base, count: 1000, scrollTop: 46_000 - 460 })
    expect(end.last).toBe(1000)
    expect(end.padBottom).toBe(0)
  })

  it('maps a million rows onto the capped height, every row reachable', () => {
    const count = 1_000_000
    const top = rowWindow({ ...base, count, scrollTop: 0 })
    expect(top.height).toBe(10_000_000)
    expect(top.first).toBe(0)
    expect(top.padTop).toBe(0)

    const end = rowWindow({ ...base, count, scrollTop: 10_000_000 - 460 })
    expect(end.last).toBe(count)
    // The last row's bottom is the viewport's bottom.
    expect(end.padTop + (count - end.first) * 46).toBeCloseTo(10_000_000, 3)

    const mid = rowWindow({ ...base, count, scrollTop: 5_000_000 - 230 })
    expect(mid.first).toBeGreaterThan(499_000)
    expect(mid.last).toBeLessThan(501_000)
    expect(mid.padTop).toBeGreaterThanOrEqual(0)
    // The viewport shows the rows whose full-list offset is virtualTop.
    const firstShown = Math.floor(mid.virtualTop / 46)
    expect(mid.padTop + (firstShown - mid.first) * 46 - (5_000_000 - 230)).toBeLessThanOrEqual(0)
    expect(mid.padTop + (firstShown + 1 - mid.first) * 46 - (5_000_000 - 230)).toBeGreaterThan(0)
  })

  it('never puts rows above the top near the start of a mapped list', () => {
    for (const scrollTop of [1, 10, 100, 300]) {
      const w = rowWindow({ ...base, count: 1_000_000, scrollTop })
      expect(w.padTop).toBeGreaterThanOrEqual(0)
    }
  })
})

describe('scrollFor', () => {
  it('is the identity for a short list and inverts the mapping for a long one', () => {
    expect(scrollFor(4600, { ...base, count: 1000 })).toBe(4600)
    const inp = { ...base, count: 1_000_000 }
    const s = scrollFor(46 * 700_000, inp)
    expect(Math.floor(rowWindow({ ...inp, scrollTop: s }).virtualTop / 46)).toBe(700_000)
  })
})
