import { afterEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import type { Template } from '@/api'
import TemplatePicker from './TemplatePicker.vue'
import { filterTemplates, insertAt, slashQuery } from './templatePicker'

const tpl = (id: string, name: string, shared = false): Template => ({
  id,
  name,
  body: `Body of ${name}`,
  shared,
  owner: { id: 'u1', name: 'Asha Admin' },
  canEdit: true,
  updatedAt: '2026-03-02T09:00:00Z',
})
const list = [tpl('a', 'Card sent', true), tpl('b', 'Call back later'), tpl('c', 'PIN reset')]

describe('slashQuery', () => {
  it.each([
    ['/', 1, { start: 0, query: '' }],
    ['/car', 4, { start: 0, query: 'car' }],
    ['Hello /ca', 9, { start: 6, query: 'ca' }],
    ['line one\n/pin', 13, { start: 9, query: 'pin' }],
    ['Hello /ca and more', 9, { start: 6, query: 'ca' }],
  ])('finds the search in %j at %i', (text, caret, want) => {
    expect(slashQuery(text, caret)).toEqual(want)
  })
  it.each([
    ['and/or', 6],
    ['Hello', 5],
    ['/card sent', 10],
    ['http://x', 8],
  ])('finds none in %j at %i', (text, caret) => {
    expect(slashQuery(text, caret)).toBeNull()
  })
})

describe('filterTemplates and insertAt', () => {
  it('keeps the names with every word, any case', () => {
    expect(filterTemplates(list, 'CA').map((t) => t.id)).toEqual(['a', 'b'])
    expect(filterTemplates(list, 'call later').map((t) => t.id)).toEqual(['b'])
    expect(filterTemplates(list, '').map((t) => t.id)).toEqual(['a', 'b', 'c'])
    expect(filterTemplates(list, 'zzz')).toEqual([])
  })
  it('replaces the "/query" with the text and puts the caret after it', () => {
    expect(insertAt('Hi /ca!', 3, 6, 'Dear Carla')).toEqual({ text: 'Hi Dear Carla!', caret: 13 })
  })
})

describe('TemplatePicker', () => {
  let wrapper: VueWrapper | null = null
  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
  })
  function render(query: string, templates = list) {
    wrapper = mount(TemplatePicker, { props: { templates, query } })
    return wrapper
  }
  const key = (w: VueWrapper, k: string) => {
    const e = new KeyboardEvent('keydown', { key: k, cancelable: true })
    const handled = (w.vm as unknown as { handleKey: (e: KeyboardEvent) => boolean }).handleKey(e)
    return { handled, prevented: e.defaultPrevented }
  }
  const options = (w: VueWrapper) => w.findAll('[role="option"]')

  it('shows the templates matching the query, the first one chosen', () => {
    const w = render('ca')
    expect(options(w).map((o) => o.find('.name').text())).toEqual(['Card sent', 'Call back later'])
    expect(options(w)[0]!.attributes('aria-selected')).toBe('true')
  })

  it('moves with the arrows (wrapping) and inserts the chosen one with Enter', async () => {
    const w = render('')
    expect(key(w, 'ArrowDown')).toEqual({ handled: true, prevented: true })
    await w.vm.$nextTick()
    expect(options(w)[1]!.attributes('aria-selected')).toBe('true')
    key(w, 'ArrowUp')
    key(w, 'ArrowUp')
    await w.vm.$nextTick()
    expect(options(w)[2]!.attributes('aria-selected')).toBe('true')
    expect(key(w, 'Enter').handled).toBe(true)
    expect(w.emitted('pick')).toEqual([[list[2]]])
  })

  it('closes with Esc and leaves other keys to the note box', () => {
    const w = render('pin')
    expect(key(w, 'a')).toEqual({ handled: false, prevented: false })
    expect(key(w, 'Escape').handled).toBe(true)
    expect(w.emitted('close')).toHaveLength(1)
    expect(w.emitted('pick')).toBeUndefined()
  })

  it('lets Enter through when nothing matches, and says so', () => {
    const w = render('zzz')
    expect(options(w)).toHaveLength(0)
    expect(w.text()).toContain('No template matches “zzz”')
    expect(key(w, 'Enter').handled).toBe(false)
  })

  it('inserts a template clicked with the mouse', async () => {
    const w = render('')
    await options(w)[1]!.trigger('mousedown')
    expect(w.emitted('pick')).toEqual([[list[1]]])
  })

  it('says how to add templates when there are none', () => {
    const w = render('', [])
    expect(w.text()).toContain('No templates yet')
  })
})
