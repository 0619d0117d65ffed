import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { mount, type VueWrapper } from '@vue/test-utils'
import PrimeVue from 'primevue/config'
import { createPinia } from 'pinia'
import StatusChangeDialog from './StatusChangeDialog.vue'

let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

async function render(props: { from: string; to: string; openTasks?: number; errors?: Record<string, string>; resolutionOptional?: boolean }) {
  const visible = ref(false)
  const confirmed: unknown[] = []
  const Host = defineComponent({
    setup: () => () =>
      h(StatusChangeDialog, {
        saving: false,
        ...props,
        visible: visible.value,
        'onUpdate:visible': (v: boolean) => (visible.value = v),
        onConfirm: (a: unknown) => confirmed.push(a),
      }),
  })
  wrapper = mount(Host, { attachTo: document.body, global: { plugins: [createPinia(), PrimeVue] } })
  visible.value = true
  await nextTick()
  await nextTick()
  return { confirmed }
}
const dialog = () => document.querySelector<HTMLElement>('[role="dialog"]')!
const button = (name: string) => [...dialog().querySelectorAll('button')].find((b) => b.textContent?.trim() === name)
const field = (label: string) => {
  const l = [...dialog().querySelectorAll('label')].find((x) => x.textContent?.trim().startsWith(label))
  return l ? document.getElementById(l.getAttribute('for')!) : null
}

describe('StatusChangeDialog and the resolving SOP', () => {
  it('asks for a resolution summary when resolving, required unless made optional', async () => {
    const { confirmed } = await render({ from: 'in_progress', to: 'resolved' })
    const summary = field('Resolution summary') as HTMLTextAreaElement
    expect(summary).not.toBeNull()
    expect(dialog().textContent).toContain('What was done to resolve it')
    expect(field('The customer confirmed')).toBeNull()
    summary.value = 'Replaced the card'
    summary.dispatchEvent(new Event('input'))
    button('Change status')!.click()
    await nextTick()
    expect(confirmed).toEqual([{ note: '', resolution: 'Replaced the card', customerConfirmed: false }])
  })

  it('shows the summary as optional when an admin made it so', async () => {
    await render({ from: 'in_progress', to: 'resolved', resolutionOptional: true })
    expect(dialog().textContent).toContain('Optional — what was done to resolve it')
  })

  it('asks for the confirmation when closing and warns about open tasks', async () => {
    const { confirmed } = await render({ from: 'resolved', to: 'closed', openTasks: 2 })
    expect(dialog().textContent).toContain('This ticket still has 2 open tasks')
    expect(button('Change status')).toBeUndefined()
    const box = field('The customer confirmed the resolution') as HTMLInputElement
    box.click()
    await nextTick()
    button('Close anyway')!.click()
    await nextTick()
    expect(confirmed).toEqual([{ note: '', resolution: '', customerConfirmed: true }])
  })

  it('closes without a warning when no task is open, and shows Go\u2019s error at the box', async () => {
    await render({ from: 'resolved', to: 'closed', openTasks: 0, errors: { customerConfirmed: 'Confirm that the customer confirmed the resolution before closing' } })
    expect(dialog().textContent).not.toContain('open task')
    expect(button('Change status')).toBeDefined()
    expect(dialog().querySelector('[role="alert"]')?.textContent).toContain('Confirm that the customer confirmed')
  })

  it('asks only for a note for other moves', async () => {
    await render({ from: 'open', to: 'in_progress' })
    expect(field('Resolution summary')).toBeNull()
    expect(field('The customer confirmed')).toBeNull()
    expect(field('Note')).not.toBeNull()
  })
})
