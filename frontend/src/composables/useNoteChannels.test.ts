import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'

const noteChannels = vi.fn()
vi.mock('../../wailsjs/go/app/SLAService', () => ({ NoteChannels: () => noteChannels() }))

describe('note channels', () => {
  beforeEach(() => {
    vi.resetModules()
    noteChannels.mockReset()
  })

  it('puts the internal note first, then the channels Go gives', async () => {
    noteChannels.mockResolvedValue([
      { value: 'call', label: 'Call' },
      { value: 'whatsapp', label: 'WhatsApp' },
    ])
    const { useNoteChannels, INTERNAL } = await import('./useNoteChannels')
    const list = useNoteChannels()
    expect(list.value).toEqual([{ value: INTERNAL, label: 'Internal note' }])
    await flushPromises()
    expect(list.value.map((o) => o.label)).toEqual(['Internal note', 'Call', 'WhatsApp'])
    useNoteChannels()
    expect(noteChannels).toHaveBeenCalledTimes(1)
  })

  it('passes "" to Go for an internal note', async () => {
    const { channelFor, INTERNAL } = await import('./useNoteChannels')
    expect(channelFor(INTERNAL)).toBe('')
    expect(channelFor('')).toBe('')
    expect(channelFor(null)).toBe('')
    expect(channelFor('call')).toBe('call')
  })

  it('asks again after a failed read', async () => {
    noteChannels.mockRejectedValueOnce({ code: 'internal', message: 'boom' }).mockResolvedValue([{ value: 'email', label: 'Email' }])
    const { useNoteChannels } = await import('./useNoteChannels')
    const list = useNoteChannels()
    await flushPromises()
    expect(list.value).toHaveLength(1)
    useNoteChannels()
    await flushPromises()
    expect(list.value.map((o) => o.value)).toEqual(['internal', 'email'])
  })
})
