import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import PrimeVue from 'primevue/config'
import ToastService from 'primevue/toastservice'
import ConfirmationService from 'primevue/confirmationservice'
import Toast from 'primevue/toast'
import ConfirmDialog from 'primevue/confirmdialog'
import type { Attachment } from '@/api'

const { attachmentApi, handlers } = vi.hoisted(() => ({
  attachmentApi: { choose: vi.fn(), attachPaths: vi.fn(), remove: vi.fn(), open: vi.fn(), saveAs: vi.fn() },
  handlers: new Map<string, (...data: unknown[]) => void>(),
}))
vi.mock('@/api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api')>()),
  attachmentApi,
  onBackendEvent: (name: string, cb: (...data: unknown[]) => void) => {
    handlers.set(name, cb)
    return () => handlers.delete(name)
  },
}))

import AttachmentsSection from './AttachmentsSection.vue'

const att = (over: Partial<Attachment> = {}): Attachment => ({
  id: 'a1', ticketId: 't1', name: 'id-card.png', size: 2048, mime: 'image/png', hash: 'h1',
  addedBy: { id: 'u1', name: 'Amina Yusuf' }, addedAt: '2026-03-10T10:00:00Z', preview: true, ...over,
})

let wrapper: VueWrapper | null = null

function render(attachments: Attachment[] = [], canRemove = true) {
  const Host = defineComponent({
    setup: () => () => [h(Toast), h(ConfirmDialog), h(AttachmentsSection, { ticketId: 't1', attachments, canRemove })],
  })
  wrapper = mount(Host, { attachTo: document.body, global: { plugins: [PrimeVue, ToastService, ConfirmationService] } })
}

const button = (name: string) =>
  [...document.querySelectorAll<HTMLButtonElement>('button')].find(
    (b) => b.getAttribute('aria-label') === name || b.textContent?.trim() === name,
  )

beforeEach(() => {
  Object.values(attachmentApi).forEach((f) => f.mockReset())
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  handlers.clear()
  document.body.innerHTML = ''
})

describe('AttachmentsSection', () => {
  it('keeps the empty-state text when there is nothing attached', () => {
    render()
    expect(document.body.textContent).toContain('No attachments yet.')
  })

  it('lists name, size and who added it, with the image thumbnail', () => {
    render([att(), att({ id: 'a2', name: 'form.pdf', mime: 'application/pdf', size: 812 })])
    const items = document.querySelectorAll('ul[aria-label="Attachments"] li')
    expect(items).toHaveLength(2)
    expect(items[0]!.textContent).toContain('id-card.png')
    expect(items[0]!.textContent).toContain('2 KB')
    expect(items[0]!.textContent).toContain('Amina Yusuf')
    expect(items[0]!.querySelector('img')!.getAttribute('src')).toBe('/attachments/a1/thumb')
    expect(items[1]!.textContent).toContain('812 bytes')
    expect(items[1]!.querySelector('img')).toBeNull()
  })

  it('says which chosen files were refused, and why', async () => {
    attachmentApi.choose.mockResolvedValue({
      attached: [att()],
      refused: [{ name: 'setup.exe', message: 'setup.exe is a program; programs cannot be attached' }],
    })
    render()
    button('Attach File')!.click()
    await flushPromises()
    expect(attachmentApi.choose).toHaveBeenCalledWith('t1')
    expect(document.body.textContent).toContain('Attached id-card.png')
    expect(document.body.textContent).toContain('setup.exe was not attached')
    expect(document.body.textContent).toContain('programs cannot be attached')
  })

  it('attaches files dropped onto the window to this ticket, and stops listening when closed', async () => {
    attachmentApi.attachPaths.mockResolvedValue({ attached: [att()], refused: [] })
    render()
    handlers.get('deskline:files-dropped')!(['/home/ana/Downloads/id-card.png'])
    await flushPromises()
    expect(attachmentApi.attachPaths).toHaveBeenCalledWith('t1', ['/home/ana/Downloads/id-card.png'])
    wrapper!.unmount()
    wrapper = null
    expect(handlers.has('deskline:files-dropped')).toBe(false)
  })

  it('offers no Remove to a role that may not delete attachments', async () => {
    render([att()], false)
    await flushPromises()
    expect(document.body.textContent).toContain('id-card.png')
    expect(button('Remove id-card.png')).toBeFalsy()
  })

  it('removes only after the confirmation', async () => {
    attachmentApi.remove.mockResolvedValue(undefined)
    render([att()])
    button('Remove id-card.png')!.click()
    await flushPromises()
    expect(attachmentApi.remove).not.toHaveBeenCalled()
    const confirm = [...document.querySelectorAll<HTMLButtonElement>('[role="alertdialog"] button')].find(
      (b) => b.textContent?.trim() === 'Remove',
    )
    confirm!.click()
    await flushPromises()
    expect(attachmentApi.remove).toHaveBeenCalledWith('a1')
  })
})
