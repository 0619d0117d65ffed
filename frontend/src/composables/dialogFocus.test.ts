import { describe, expect, it } from 'vitest'
import { autofocusFollowsFocus } from './dialogFocus'

describe('autofocusFollowsFocus', () => {
  it('moves the autofocus marker to the field the user went to, inside the form only', () => {
    document.body.innerHTML = `
      <input id="outside" autofocus>
      <form id="f"><input id="name" autofocus><textarea id="text"></textarea></form>`
    const form = document.getElementById('f')!
    form.addEventListener('focusin', autofocusFollowsFocus)
    document.getElementById('text')!.focus()
    expect([...form.querySelectorAll('[autofocus]')].map((x) => x.id)).toEqual(['text'])
    expect(document.getElementById('outside')!.hasAttribute('autofocus')).toBe(true)
    document.getElementById('name')!.focus()
    expect([...form.querySelectorAll('[autofocus]')].map((x) => x.id)).toEqual(['name'])
  })
})
