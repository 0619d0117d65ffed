import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { handleKey, isTypingTarget, keyLabel, keyOf, paletteActions, useShortcuts, type ShortcutAction } from './useShortcuts'

function press(key: string, target: Element = document.body, mods: Partial<KeyboardEventInit> = {}) {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...mods })
  Object.defineProperty(e, 'target', { value: target })
  return { e, ran: handleKey(e) }
}

const scopes: ReturnType<typeof effectScope>[] = []
function register(actions: ShortcutAction[] | (() => ShortcutAction[])) {
  const scope = effectScope()
  scope.run(() => useShortcuts(actions))
  scopes.push(scope)
  return scope
}

afterEach(() => {
  scopes.splice(0).forEach((s) => s.stop())
  document.body.innerHTML = ''
})

describe('keyOf', () => {
  it('names chords, plain keys and refuses Alt', () => {
    expect(keyOf({ key: 'K', ctrlKey: true, metaKey: false, altKey: false })).toBe('mod+k')
    expect(keyOf({ key: 'k', ctrlKey: false, metaKey: true, altKey: false })).toBe('mod+k')
    expect(keyOf({ key: 'j', ctrlKey: false, metaKey: false, altKey: false })).toBe('j')
    expect(keyOf({ key: '?', ctrlKey: false, metaKey: false, altKey: false })).toBe('?')
    expect(keyOf({ key: 'j', ctrlKey: false, metaKey: false, altKey: true })).toBe('')
    expect(keyOf({ key: 'ArrowDown', ctrlKey: true, metaKey: false, altKey: false })).toBe('')
  })
  it('writes keys for people', () => {
    expect(keyLabel('ArrowDown')).toBe('↓')
    expect(keyLabel('Escape')).toBe('Esc')
    expect(['Ctrl+K', '⌘K']).toContain(keyLabel('mod+k'))
  })
})

describe('isTypingTarget', () => {
  it('knows fields and pickers from buttons and rows', () => {
    document.body.innerHTML = `
      <input id="i"><textarea id="t"></textarea><div contenteditable="true"><span id="ce">x</span></div>
      <span id="combo" role="combobox"></span><ul role="listbox"><li id="opt">a</li></ul>
      <button id="b">Save</button><table><tr id="row"><td id="cell">1</td></tr></table>`
    for (const id of ['i', 't', 'ce', 'combo', 'opt']) expect(isTypingTarget(document.getElementById(id)), id).toBe(true)
    for (const id of ['b', 'cell']) expect(isTypingTarget(document.getElementById(id)), id).toBe(false)
    expect(isTypingTarget(null)).toBe(false)
  })
})

describe('handleKey', () => {
  it('runs the latest registered action for a key and prevents the default', () => {
    const first = vi.fn()
    const second = vi.fn()
    register([{ id: 'a', label: 'A', group: 'General', keys: ['c'], run: first }])
    const later = register([{ id: 'b', label: 'B', group: 'Queue', keys: ['c'], run: second }])
    const { e, ran } = press('c')
    expect(ran).toBe(true)
    expect(e.defaultPrevented).toBe(true)
    expect(second).toHaveBeenCalledOnce()
    expect(first).not.toHaveBeenCalled()
    later.stop() // unmounting gives the key back
    press('c')
    expect(first).toHaveBeenCalledOnce()
  })

  it('skips disabled actions and unbound keys', () => {
    const off = vi.fn()
    const on = vi.fn()
    register([{ id: 'on', label: 'On', group: 'General', keys: ['Enter'], run: on }])
    register([{ id: 'off', label: 'Off', group: 'Queue', keys: ['Enter'], run: off, enabled: () => false }])
    expect(press('Enter').ran).toBe(true)
    expect(on).toHaveBeenCalledOnce()
    expect(off).not.toHaveBeenCalled()
    expect(press('z').ran).toBe(false)
  })

  it('never fires a single key while typing or under a dialog, but chords do', () => {
    const create = vi.fn()
    const palette = vi.fn()
    register([
      { id: 'create', label: 'Create', group: 'General', keys: ['c'], run: create },
      { id: 'palette', label: 'Palette', group: 'General', keys: ['mod+k'], run: palette },
    ])
    document.body.innerHTML = '<input id="i"><div role="dialog" aria-modal="true"><button id="b">x</button></div>'
    expect(press('c', document.getElementById('i')!).ran).toBe(false)
    expect(press('c', document.getElementById('b')!).ran).toBe(false)
    expect(create).not.toHaveBeenCalled()
    expect(press('k', document.getElementById('i')!, { ctrlKey: true }).ran).toBe(true)
    expect(palette).toHaveBeenCalledOnce()
  })

  it('lets Esc leave a text field first', () => {
    const back = vi.fn()
    register([{ id: 'back', label: 'Back', group: 'Ticket', keys: ['Escape'], run: back }])
    document.body.innerHTML = '<textarea id="t"></textarea>'
    const t = document.getElementById('t') as HTMLTextAreaElement
    t.focus()
    expect(press('Escape', t).ran).toBe(false)
    expect(document.activeElement).not.toBe(t)
    expect(back).not.toHaveBeenCalled()
    expect(press('Escape').ran).toBe(true)
    expect(back).toHaveBeenCalledOnce()
  })
})

describe('paletteActions', () => {
  it('offers enabled actions once each, the open ticket first', () => {
    register([
      { id: 'create', label: 'Create a ticket', group: 'General', keys: ['c'], run: () => {} },
      { id: 'move', label: 'Next ticket', group: 'Queue', keys: ['j'], run: () => {}, palette: false },
      { id: 'hidden', label: 'Hidden', group: 'General', run: () => {}, enabled: () => false },
    ])
    register(() => [
      { id: 'status', label: 'Change status of #4', group: 'Ticket', keys: ['s'], run: () => {} },
      { id: 'create', label: 'Create a ticket', group: 'General', run: () => {} },
    ])
    expect(paletteActions().map((a) => a.id)).toEqual(['status', 'create'])
  })
})
