import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { useEvery } from './useEvery'

describe('useEvery', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('calls back on every tick until its scope ends', () => {
    const cb = vi.fn()
    const scope = effectScope()
    scope.run(() => useEvery(30_000, cb))
    vi.advanceTimersByTime(29_999)
    expect(cb).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(cb).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(60_000)
    expect(cb).toHaveBeenCalledTimes(3)
    scope.stop()
    vi.advanceTimersByTime(120_000)
    expect(cb).toHaveBeenCalledTimes(3)
  })

  it('skips ticks while the window is hidden', () => {
    const cb = vi.fn()
    const hidden = vi.spyOn(document, 'hidden', 'get').mockReturnValue(true)
    const stop = useEvery(1000, cb)
    vi.advanceTimersByTime(3000)
    expect(cb).not.toHaveBeenCalled()
    hidden.mockReturnValue(false)
    vi.advanceTimersByTime(1000)
    expect(cb).toHaveBeenCalledTimes(1)
    stop()
    hidden.mockRestore()
  })
})
