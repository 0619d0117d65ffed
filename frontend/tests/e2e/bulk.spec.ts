import { test, expect, type Page } from '@playwright/test'
import { startApp, type RunningApp } from './app'
import { dataRows, selectMany, selectOne } from './ui'

// Issue "Fast hands", bulk actions: tickets selected in the queue with their
// checkboxes (shift-click for a range, or all of the view) are closed,
// assigned and given a priority in one action each. Bulk Close closes only
// the Resolved ones and lists the others with the reason; each ticket's feed
// gets its own entry.
test.describe.serial('bulk actions from the queue', () => {
  let app: RunningApp
  let page: Page
  /** Ticket ids by number. */
  let ids: Record<number, string> = {}

  const ADMIN = 'Asha Admin'
  const AGENT = 'Bilal Agent'
  const queueTable = () => page.getByRole('table', { name: 'Tickets' })
  const rowOf = (n: number) => dataRows(queueTable()).filter({ has: page.getByRole('link', { name: `Ticket #${n}`, exact: true }) })
  const box = (n: number) => queueTable().getByRole('checkbox', { name: `Select ticket #${n}`, exact: true })
  const bar = () => page.getByRole('toolbar', { name: 'Bulk actions' })
  const activity = () => page.getByRole('list', { name: 'Activity' })
  const filter = (name: string) => page.getByRole('search', { name: 'Quick filters' }).getByRole('combobox', { name, exact: true })

  test.beforeAll(async ({ browser }) => {
    app = await startApp()
    page = await browser.newPage()
    await page.goto(app.url)
    await page.getByRole('textbox', { name: 'Organisation name' }).fill('Harbour Bank')
    await page.getByRole('textbox', { name: 'Your name' }).fill(ADMIN)
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await expect(page.getByRole('heading', { name: 'Tickets' })).toBeVisible()
    // Five tickets through the bound services (creating tickets has its own
    // spec): #1 and #3 Resolved, #2 In Progress, #4 and #5 Open.
    ids = await page.evaluate(async (agent) => {
      const go = (window as unknown as { go: { app: Record<string, Record<string, (...a: unknown[]) => Promise<any>>> } }).go.app
      await go.UserService.Save({ id: '', name: agent, role: 'support', active: true })
      const subjects = await go.CatalogService.ListSubjects(false)
      const c = await go.ContactService.Save({ id: '', kind: 'customer', name: 'Carla Mendes', mobile: '0712 000 111', email: '', leadStatus: '' })
      const out: Record<number, string> = {}
      for (let i = 1; i <= 5; i++) {
        const d = await go.TicketService.Create({ subjectIds: [subjects[0].id], contactId: c.id, mobile: c.mobile, sourceId: '', description: `Problem ${i}`, priority: '' })
        out[d.ticket.number] = d.ticket.id
      }
      await go.TicketService.ChangeStatus(out[1], { status: 'resolved', note: '', resolution: 'Card replaced', customerConfirmed: false })
      await go.TicketService.ChangeStatus(out[3], { status: 'resolved', note: '', resolution: 'PIN reset', customerConfirmed: false })
      await go.TicketService.ChangeStatus(out[2], { status: 'in_progress', note: '', resolution: '', customerConfirmed: false })
      return out
    }, AGENT)
    await page.reload()
    await page.getByRole('tab', { name: /^All tickets/ }).click()
    // Oldest at the bottom: #5 … #1 from the top.
    await selectOne(page, filter('Sort'), 'Created')
    await expect(dataRows(queueTable())).toHaveCount(5)
  })

  test.afterAll(async () => {
    await page?.close()
    await app?.stop()
  })

  test('select with checkboxes and shift-click; Bulk Close closes the resolved ones and lists the others', async () => {
    await expect(bar()).toBeHidden()
    await box(3).click()
    await expect(bar()).toContainText('1 selected')
    // Shift-click selects the range from #3 down to #1.
    await box(1).click({ modifiers: ['Shift'] })
    await expect(box(2)).toBeChecked()
    await expect(box(1)).toBeChecked()
    await box(4).click()
    await expect(bar()).toContainText('4 selected')
    await expect(box(5)).not.toBeChecked()

    await bar().getByRole('button', { name: 'Bulk Close' }).click()
    const dialog = page.getByRole('dialog', { name: 'Bulk Close' })
    await expect(dialog).toContainText('4 tickets selected')
    // Go refuses to close without the customers' confirmation.
    await dialog.getByRole('button', { name: 'Close tickets' }).click()
    await expect(dialog.getByRole('alert')).toContainText('customer confirmed the resolution')
    await dialog.getByRole('checkbox', { name: /customers confirmed the resolution/ }).check()
    await dialog.getByRole('button', { name: 'Close tickets' }).click()

    const done = page.getByRole('dialog', { name: 'Bulk action done' })
    await expect(done.getByRole('status')).toHaveText('2 closed, 2 skipped')
    const skipped = done.getByRole('list', { name: 'Skipped tickets' }).getByRole('listitem')
    await expect(skipped).toHaveText([
      '#2 is In Progress: only resolved tickets can be closed',
      '#4 is Open: only resolved tickets can be closed',
    ], { useInnerText: true })
    await done.getByRole('button', { name: 'Done' }).click()
    await expect(done).toBeHidden()

    // Closed tickets are archived: they leave the queue; the selection is gone.
    await expect(rowOf(1)).toHaveCount(0)
    await expect(rowOf(3)).toHaveCount(0)
    await expect(dataRows(queueTable())).toHaveCount(3)
    await expect(bar()).toBeHidden()
  })

  test('select all in the view; bulk assign and priority update every row', async () => {
    const all = queueTable().getByRole('checkbox', { name: 'Select all in this view' })
    await all.click()
    await expect(bar()).toContainText('3 selected')
    await bar().getByRole('button', { name: 'Assign', exact: true }).click()
    let dialog = page.getByRole('dialog', { name: 'Assign', exact: true })
    // The dialog starts on its field.
    await expect(dialog.getByRole('combobox', { name: 'Assign to' })).toBeFocused()
    await selectMany(page, dialog.getByRole('combobox', { name: 'Assign to' }), [AGENT])
    await dialog.getByRole('button', { name: 'Assign', exact: true }).click()
    let done = page.getByRole('dialog', { name: 'Bulk action done' })
    await expect(done.getByRole('status')).toHaveText('3 assigned')
    await done.getByRole('button', { name: 'Done' }).click()
    for (const n of [2, 4, 5]) await expect(rowOf(n)).toContainText(AGENT)

    await all.click()
    await expect(bar()).toContainText('3 selected')
    await bar().getByRole('button', { name: 'Change priority' }).click()
    dialog = page.getByRole('dialog', { name: 'Change priority' })
    await expect(dialog.getByRole('combobox', { name: 'New priority' })).toBeFocused()
    await selectOne(page, dialog.getByRole('combobox', { name: 'New priority' }), 'Urgent')
    await dialog.getByRole('button', { name: 'Change priority' }).click()
    done = page.getByRole('dialog', { name: 'Bulk action done' })
    await expect(done.getByRole('status')).toHaveText('3 changed')
    await done.getByRole('button', { name: 'Done' }).click()
    for (const n of [2, 4, 5]) await expect(rowOf(n)).toContainText('Urgent')

    // Clear selection empties it without acting.
    await box(2).click()
    await expect(bar()).toContainText('1 selected')
    await bar().getByRole('button', { name: 'Clear selection' }).click()
    await expect(bar()).toBeHidden()
    await expect(box(2)).not.toBeChecked()
  })

  test("each ticket's feed has its own entry", async () => {
    const open = async (n: number) => {
      await page.goto(`${app.url}#/tickets/${ids[n]}`)
      await expect(page.getByRole('article', { name: `Ticket #${n}` })).toBeVisible()
    }
    await open(1)
    await expect(activity().getByRole('listitem').filter({ hasText: 'changed the status from Resolved to Closed' })).toHaveCount(1)
    await open(2)
    await expect(activity()).not.toContainText('to Closed')
    await expect(activity().getByRole('listitem').filter({ hasText: `assigned ${AGENT}` })).toHaveCount(1)
    await expect(activity().getByRole('listitem').filter({ hasText: 'changed the priority from Medium to Urgent' })).toHaveCount(1)
    await open(5)
    await expect(activity().getByRole('listitem').filter({ hasText: `assigned ${AGENT}` })).toHaveCount(1)
    await expect(activity().getByRole('listitem').filter({ hasText: 'changed the priority from Medium to Urgent' })).toHaveCount(1)
  })
})
