import { test, expect, type Page } from '@playwright/test'
import { signInAs, startApp, type RunningApp } from './app'
import { selectMany } from './ui'

// Issue "Desktop notifications": user A assigns a ticket to user B; on
// switching to B, the bell shows 1 unread and the notification opens the
// ticket. The data is set up through the app's own bound services (what the
// other specs already do through the forms); the assignment, the switch and
// the notification center are driven through the UI.
test.describe.serial('notification center', () => {
  let app: RunningApp
  let page: Page
  let ticketNumber = ''

  const ADMIN = 'Asha Admin'
  const AGENT = 'Bilal Agent'
  const ticket = () => page.getByRole('article', { name: /^Ticket #/ })
  const bell = () => page.getByRole('button', { name: /^Notifications/ })

  test.beforeAll(async ({ browser }) => {
    app = await startApp()
    page = await browser.newPage()
    await page.goto(app.url)
    await page.getByRole('textbox', { name: 'Organisation name' }).fill('Harbour Bank')
    await page.getByRole('textbox', { name: 'Your name' }).fill(ADMIN)
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await expect(page.getByRole('heading', { name: 'Tickets' })).toBeVisible()
    ticketNumber = await page.evaluate(async (agent) => {
      const go = (window as unknown as { go: { app: Record<string, Record<string, (...a: unknown[]) => Promise<any>>> } }).go.app
      await go.UserService.Save({ id: '', name: agent, role: 'support', active: true })
      const subjects = await go.CatalogService.ListSubjects(false)
      const c = await go.ContactService.Save({ id: '', kind: 'customer', name: 'Carla Mendes', mobile: '0712 000 111', email: '', leadStatus: '' })
      const d = await go.TicketService.Create({ subjectIds: [subjects[1].id], contactId: c.id, mobile: c.mobile, sourceId: '', description: 'Card swallowed by the ATM', priority: '' })
      return `#${d.ticket.number}`
    }, AGENT)
    await page.reload()
  })

  test.afterAll(async () => {
    await page?.close()
    await app?.stop()
  })

  test('the assigner hears nothing of their own change', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets' }).click()
    await page.getByRole('tab', { name: /^All tickets/ }).click()
    await page.getByRole('table', { name: 'Tickets' }).getByRole('link', { name: `Ticket ${ticketNumber}`, exact: true }).click()
    await selectMany(page, ticket().getByRole('combobox', { name: 'Assigned To' }), [AGENT])
    await expect(page.getByRole('list', { name: 'Activity' })).toContainText(AGENT)
    await expect(bell()).toHaveAccessibleName('Notifications')
  })

  test('switching to the assignee shows 1 unread, and the notification opens the ticket', async () => {
    await signInAs(page, AGENT)
    await expect(bell()).toHaveAccessibleName('Notifications, 1 unread')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click()

    await bell().click()
    const center = page.getByRole('dialog', { name: 'Notification center' })
    const item = center.getByRole('list', { name: 'Notifications' }).getByRole('button').first()
    await expect(item).toContainText(`${ticketNumber} Complaint`)
    await expect(item).toContainText(`${ADMIN} assigned it to you — Carla Mendes`)
    await item.click()

    await expect(ticket().getByRole('heading', { name: ticketNumber })).toBeVisible()
    await expect(bell()).toHaveAccessibleName('Notifications')
  })

  test('the center keeps it, read, after a restart', async () => {
    await app.restart()
    await page.goto(app.url)
    await expect(page.getByRole('region', { name: 'Current user' })).toContainText(AGENT)
    await bell().click()
    const center = page.getByRole('dialog', { name: 'Notification center' })
    await expect(center.getByRole('list', { name: 'Notifications' })).toContainText(ticketNumber)
    await expect(center.getByLabel('unread')).toHaveCount(0)
  })

  test('quiet hours must be given as HH:MM', async () => {
    await page.getByRole('button', { name: 'Notification preferences' }).click()
    const dialog = page.getByRole('dialog', { name: 'Notification preferences' })
    await dialog.getByRole('textbox', { name: 'From' }).fill('8pm')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog.getByRole('alert')).toContainText('HH:MM')
    await dialog.getByRole('textbox', { name: 'From' }).fill('20:00')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog).toBeHidden()
  })
})
