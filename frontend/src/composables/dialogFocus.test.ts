import { afterEach, describe, expect, it } from 'vitest'
import { autofocusFollowsFocus, installDialogFocus } from './dialogFocus'

describe('autofocusFollowsFocus', () => {
  installDialogFocus()
  afterEach(() => document.removeEventListener('focusin', autofocusFollowsFocus))

  it("moves the autofocus marker to the field the user went to, inside a dialog's form only", () => {
    document.body.innerHTML = `
      <input id="outside" autofocus>
      <form id="page"><input id="p1" autofocus><input id="p2"></form>
      <div role="dialog"><form id="f"><input id="name" autofocus><textarea id="text"></textarea></form></div>`
    const form = document.getElementById('f')!
    document.getElementById('text')!.focus()
    expect([...form.querySelectorAll('[autofocus]')].map((x) => x.id)).toEqual(['text'])
    expect(document.getElementById('outside')!.hasAttribute('autofocus')).toBe(true)
    document.getElementById('name')!.focus()
    expect([...form.querySelectorAll('[autofocus]')].map((x) => x.id)).toEqual(['name'])
    // A form outside any dialog keeps its marker.
    document.getElementById('p2')!.focus()
    expect([...document.getElementById('page')!.querySelectorAll('[autofocus]')].map((x) => x.id)).toEqual(['p1'])
  })
})
