import { describe, expect, it, vi, beforeEach } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'

const { cancels, handlers } = vi.hoisted(() => ({
  cancels: [] as ReturnType<typeof vi.fn>[],
  handlers: [] as { name: string; cb: (...data: unknown[]) => void }[],
}))

vi.mock('../../wailsjs/runtime/runtime', () => ({
  EventsOn: vi.fn((name: string, cb: (...data: unknown[]) => void) => {
    handlers.push({ name, cb })
    const cancel = vi.fn()
    cancels.push(cancel)
    return cancel
  }),
  EventsOff: vi.fn(() => {
    throw new Error('EventsOff must never be used')
  }),
}))

import { useBackendEvent, useDataChanged } from './useBackendEvent'

function host(setup: () => void) {
  return defineComponent({
    setup() {
      setup()
      return () => h('div')
    },
  })
}

beforeEach(() => {
  cancels.length = 0
  handlers.length = 0
})

describe('useBackendEvent', () => {
  it('subscribes on setup and cancels exactly its own subscription on unmount', () => {
    const cb = vi.fn()
    const a = mount(host(() => useBackendEvent('deskline:changed', cb)))
    const b = mount(host(() => useBackendEvent('deskline:changed', vi.fn())))
    expect(handlers.map((x) => x.name)).toEqual(['deskline:changed', 'deskline:changed'])

    handlers[0]!.cb({ topics: ['tickets'], ticketIds: [] })
    expect(cb).toHaveBeenCalledWith({ topics: ['tickets'], ticketIds: [] })

    a.unmount()
    expect(cancels[0]).toHaveBeenCalledTimes(1)
    expect(cancels[1]).not.toHaveBeenCalled()
    b.unmount()
    expect(cancels[1]).toHaveBeenCalledTimes(1)
  })
})

describe('useDataChanged', () => {
  it('calls back only for the topics the view depends on', () => {
    const cb = vi.fn()
    mount(host(() => useDataChanged(['tickets', 'contacts'], cb)))
    const fire = handlers[0]!.cb

    fire({ topics: ['catalog'], ticketIds: [] })
    expect(cb).not.toHaveBeenCalled()

    fire({ topics: ['users', 'tickets'], ticketIds: ['t1'] })
    expect(cb).toHaveBeenCalledTimes(1)
    expect(cb).toHaveBeenCalledWith({ topics: ['users', 'tickets'], ticketIds: ['t1'] })
  })

  it('ignores a malformed payload instead of throwing', () => {
    const cb = vi.fn()
    mount(host(() => useDataChanged(['tickets'], cb)))
    expect(() => handlers[0]!.cb(null)).not.toThrow()
    expect(() => handlers[0]!.cb({ topics: 'tickets' })).not.toThrow()
    expect(cb).not.toHaveBeenCalled()
  })
})
