import { test, expect, type Page } from '@playwright/test'
import { startApp, type RunningApp } from './app'
import { selectOne } from './ui'

// Issue "Fast hands": templates, follow-up tasks and the resolving SOP, in the
// real app. A template with a variable is made in Admin and inserted into a
// note by typing "/"; tasks are added on a ticket, completed, and counted in
// the sidebar; resolving asks for the summary, closing for the customer's
// confirmation (with a warning about the open task), and the checklist ticks.
test.describe.serial('templates, tasks and the resolving SOP', () => {
  let app: RunningApp
  let page: Page

  const ADMIN = 'Asha Admin'
  const nav = (name: string | RegExp) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name })
  const ticket = () => page.getByRole('article', { name: /^Ticket #/ })
  const activity = () => page.getByRole('list', { name: 'Activity' })
  const checklist = () => page.getByRole('list', { name: 'Resolving checklist' })
  const step = (name: string, done: boolean) => checklist().getByRole('listitem', { name: `${name}: ${done ? 'done' : 'not yet'}` })
  const note = () => ticket().getByRole('textbox', { name: 'Note' })

  /** A datetime-local value, days from now at hh:00 local time. */
  function localAt(days: number, hour: number): string {
    const d = new Date()
    d.setDate(d.getDate() + days)
    const p = (n: number) => String(n).padStart(2, '0')
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(hour)}:00`
  }

  test.beforeAll(async ({ browser }) => {
    app = await startApp()
    page = await browser.newPage()
    await page.goto(app.url)
    await page.getByRole('textbox', { name: 'Organisation name' }).fill('Harbour Bank')
    await page.getByRole('textbox', { name: 'Your name' }).fill(ADMIN)
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await expect(page.getByRole('heading', { name: 'Tickets' })).toBeVisible()
    // One ticket through the bound services (creating tickets has its own spec).
    await page.evaluate(async () => {
      const go = (window as unknown as { go: { app: Record<string, Record<string, (...a: unknown[]) => Promise<any>>> } }).go.app
      const subjects = await go.CatalogService.ListSubjects(false)
      const c = await go.ContactService.Save({ id: '', kind: 'customer', name: 'Carla Mendes', mobile: '0712 000 111', email: '', leadStatus: '' })
      await go.TicketService.Create({ subjectIds: [subjects[0].id], contactId: c.id, mobile: c.mobile, sourceId: '', description: 'Card swallowed by the ATM', priority: '' })
    })
    await page.reload()
  })

  test.afterAll(async () => {
    await page?.close()
    await app?.stop()
  })

  async function openTicket() {
    await nav('Tickets').click()
    await page.getByRole('tab', { name: /^All tickets/ }).click()
    await page.getByRole('table', { name: 'Tickets' }).getByRole('link', { name: 'Ticket #1', exact: true }).click()
    await expect(ticket().getByRole('heading', { name: '#1' })).toBeVisible()
  }

  test('a template with a variable, inserted into a note with /', async () => {
    await nav('Admin').click()
    await page.getByRole('tab', { name: 'Templates' }).click()
    await expect(page.getByText('No templates yet')).toBeVisible()
    await page.getByRole('button', { name: 'New template' }).click()
    const dialog = page.getByRole('dialog', { name: 'New template' })
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Card on its way')
    const text = dialog.getByRole('textbox', { name: 'Text' })
    // An unknown variable is warned about while editing.
    await text.fill('Hello {{customer.title}}')
    await expect(dialog.getByRole('list', { name: 'Template warnings' })).toContainText('Unknown variable {{customer.title}}')
    await text.fill('Hello {{customer.name}}, the new card for ticket {{ticket.number}} is on its way.')
    await expect(dialog.getByRole('list', { name: 'Template warnings' })).toBeHidden()
    await dialog.getByRole('button', { name: 'Save template' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('list', { name: 'Templates' }).getByRole('listitem')).toContainText('Card on its way')

    await openTicket()
    await note().click()
    await note().pressSequentially('Update: /card')
    const options = page.getByRole('listbox', { name: 'Templates' })
    await expect(options.getByRole('option')).toHaveCount(1)
    await expect(options.getByRole('option', { name: /Card on its way/ })).toHaveAttribute('aria-selected', 'true')
    await note().press('Enter')
    await expect(options).toBeHidden()
    const rendered = 'Update: Hello Carla Mendes, the new card for ticket #1 is on its way.'
    await expect(note()).toHaveValue(rendered)
    await ticket().getByRole('button', { name: 'Add Note' }).click()
    await expect(note()).toHaveValue('')
    await expect(activity()).toContainText(rendered)
    // Esc closes the picker without inserting.
    await note().pressSequentially('/')
    await expect(options).toBeVisible()
    await note().press('Escape')
    await expect(options).toBeHidden()
    await expect(note()).toHaveValue('/')
    await note().fill('')
  })

  test('+ Task: add two, complete one; the sidebar counts follow', async () => {
    const tasksLink = nav(/^Tasks/)
    for (const [title, due] of [
      ['Call Carla back', localAt(-1, 10)],
      ['Send the new card', localAt(2, 10)],
    ] as const) {
      await ticket().getByRole('button', { name: '+ Task' }).click()
      const dialog = page.getByRole('dialog', { name: 'New task' })
      await dialog.getByRole('textbox', { name: 'Title' }).fill(title)
      await dialog.getByLabel('Due').fill(due)
      await expect(dialog.getByRole('combobox', { name: 'Assigned To' })).toContainText(ADMIN)
      await dialog.getByRole('button', { name: 'Save task' }).click()
      await expect(dialog).toBeHidden()
      await expect(activity()).toContainText(`added the task “${title}”`)
    }
    await expect(tasksLink).toContainText('2 open')
    await expect(tasksLink).toContainText('1 overdue')
    await expect(ticket().getByText('Overdue · due')).toHaveCount(1)

    await ticket().getByRole('checkbox', { name: 'Complete task Call Carla back' }).check()
    await expect(ticket().getByRole('checkbox', { name: 'Reopen task Call Carla back' })).toBeChecked()
    await expect(activity()).toContainText('completed the task “Call Carla back”')
    await expect(tasksLink).toContainText('1 open')
    await expect(tasksLink).not.toContainText('overdue')

    // The Tasks view: mine shows the open one; all shows both.
    await tasksLink.click()
    await expect(page.getByRole('heading', { name: 'Tasks' })).toBeVisible()
    const list = page.getByRole('region', { name: 'Task list' })
    await expect(list.getByRole('listitem')).toHaveCount(1)
    await expect(list).toContainText('Send the new card')
    await page.getByRole('tab', { name: 'All' }).click()
    await expect(list.getByRole('listitem')).toHaveCount(2)
    await page.getByRole('tab', { name: 'Overdue' }).click()
    await expect(page.getByText('Nothing is overdue.')).toBeVisible()
  })

  test('resolve asks for the summary, close for the confirmation and warns of the open task; the checklist ticks', async () => {
    await openTicket()
    await expect(step('Resolution note added', false)).toBeVisible()
    await expect(step('Related tasks completed (1 open)', false)).toBeVisible()

    await selectOne(page, ticket().getByRole('combobox', { name: 'Status', exact: true }), 'Resolved')
    const dialog = page.getByRole('dialog', { name: 'Change status' })
    await dialog.getByRole('button', { name: 'Change status' }).click()
    await expect(dialog.getByRole('alert')).toContainText('Write a resolution summary')
    await dialog.getByRole('textbox', { name: 'Resolution summary' }).fill('Card retrieved from the ATM and handed back.')
    await dialog.getByRole('button', { name: 'Change status' }).click()
    await expect(dialog).toBeHidden()
    await expect(activity()).toContainText('wrote the resolution summary')
    await expect(activity()).toContainText('Card retrieved from the ATM and handed back.')
    await expect(step('Resolution note added', true)).toBeVisible()
    await expect(step('Customer confirmed', false)).toBeVisible()

    await selectOne(page, ticket().getByRole('combobox', { name: 'Status', exact: true }), 'Closed')
    await expect(dialog).toBeVisible()
    await expect(dialog.getByRole('alert')).toContainText('This ticket still has 1 open task')
    await dialog.getByRole('button', { name: 'Close anyway' }).click()
    await expect(dialog.getByText('Confirm that the customer confirmed the resolution')).toBeVisible()
    await dialog.getByRole('checkbox', { name: 'The customer confirmed the resolution' }).check()
    await dialog.getByRole('button', { name: 'Close anyway' }).click()
    await expect(dialog).toBeHidden()
    await expect(ticket().locator('header')).toContainText('Closed')
    await expect(activity()).toContainText('recorded that the customer confirmed the resolution')
    await expect(step('Customer confirmed', true)).toBeVisible()
    await expect(step('Status Closed', true)).toBeVisible()
    await expect(step('Related tasks completed (1 open)', false)).toBeVisible()

    await ticket().getByRole('checkbox', { name: 'Complete task Send the new card' }).check()
    await expect(step('Related tasks completed', true)).toBeVisible()
    await expect(nav(/^Tasks/)).not.toContainText('open')
  })
})
