import { test, expect, type Page } from '@playwright/test'
import { startApp, type RunningApp } from './app'
import { dataRows, selectMany } from './ui'

// Issue "Fast hands", search and views: search as you type finds a ticket by
// a word of a note and by mobile number with the words highlighted, odd input
// is harmless, and a saved view is pinned in the sidebar with a live count.
test.describe.serial('search and saved views', () => {
  let app: RunningApp
  let page: Page

  const ADMIN = 'Asha Admin'
  const queueTable = () => page.getByRole('table', { name: 'Tickets' })
  const ticket = () => page.getByRole('article', { name: /^Ticket #/ })
  const searchBox = () => page.getByRole('combobox', { name: 'Search tickets' })
  const results = () => page.getByRole('listbox')
  const filter = (name: string) => page.getByRole('search', { name: 'Quick filters' }).getByRole('combobox', { name, exact: true })
  const savedViews = () => page.getByRole('navigation', { name: 'Saved views' })

  test.beforeAll(async ({ browser }) => {
    app = await startApp()
    page = await browser.newPage()
    await page.goto(app.url)
    await page.getByRole('textbox', { name: 'Organisation name' }).fill('Harbour Bank')
    await page.getByRole('textbox', { name: 'Your name' }).fill(ADMIN)
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await expect(page.getByRole('heading', { name: 'Tickets' })).toBeVisible()
    await page.evaluate(async () => {
      const go = (window as unknown as { go: { app: Record<string, Record<string, (...a: unknown[]) => Promise<any>>> } }).go.app
      const subjects = await go.CatalogService.ListSubjects(false)
      const grace = await go.ContactService.Save({ id: '', kind: 'customer', name: 'Grace Wanjiru', mobile: '0712 345 678', email: '', leadStatus: '' })
      const dora = await go.ContactService.Save({ id: '', kind: 'lead', name: 'Dora Okafor', mobile: '0733 111 222', email: '', leadStatus: 'new' })
      const make = (c: { id: string; mobile: string }, description: string, priority = '') =>
        go.TicketService.Create({ subjectIds: [subjects[0].id], contactId: c.id, mobile: c.mobile, sourceId: '', description, priority })
      await make(grace, 'Statement for March')
      const card = await make(dora, 'Card swallowed by the ATM')
      await go.TicketService.AddNote(card.ticket.id, 'Courier booked for the replacement card', '')
      await make(grace, 'Cannot log in to the app', 'high')
    })
    await page.reload()
    await page.getByRole('tab', { name: /^All tickets/ }).click()
    await expect(dataRows(queueTable())).toHaveCount(3)
  })

  test.afterAll(async () => {
    await page?.close()
    await app?.stop()
  })

  test('search as you type finds a ticket by a word of its note, highlighted, and Enter opens it', async () => {
    await page.keyboard.press('/')
    await expect(searchBox()).toBeFocused()
    await searchBox().pressSequentially('couri')
    const hit = results().getByRole('option', { name: /#2/ })
    await expect(hit).toBeVisible()
    await expect(results().getByRole('option')).toHaveCount(1)
    await expect(hit.locator('mark')).toHaveText('Courier')
    await expect(hit).toContainText('Dora Okafor')
    await page.keyboard.press('Enter')
    await expect(ticket()).toHaveAccessibleName(/^Ticket #2/)
    await expect(searchBox()).toHaveValue('')
  })

  test('search finds a ticket by mobile number', async () => {
    await searchBox().fill('')
    await searchBox().pressSequentially('0733 111')
    await expect(results().getByRole('option', { name: /#2/ })).toBeVisible()
    await expect(results().getByRole('option', { name: /#2/ }).locator('mark')).toHaveText('0733111')
    await expect(results().getByRole('option')).toHaveCount(1)
    await searchBox().fill('')
    await searchBox().pressSequentially('345678')
    await expect(results().getByRole('option')).toHaveCount(2) // Grace's two tickets
    await expect(results().getByRole('option').first()).toContainText('Grace Wanjiru')
  })

  test('search syntax typed by the user is harmless', async () => {
    for (const text of ['"', 'NEAR(', '-']) {
      await searchBox().fill('')
      await searchBox().pressSequentially(text)
      await expect(results().getByRole('option', { name: `No tickets match “${text}”`, exact: false })).toBeVisible()
      await expect(page.getByText(/Search failed/)).toHaveCount(0)
    }
    await searchBox().fill('')
    await searchBox().pressSequentially('"swallowed" NEAR(')
    await expect(results().getByRole('option', { name: /No tickets match/ })).toBeVisible()
    await searchBox().fill('')
    await page.keyboard.press('Escape')
  })

  test('save a view from the filters: pinned in the sidebar with its count, and it opens', async () => {
    await page.goto(`${app.url}#/tickets`)
    await page.getByRole('tab', { name: /^All tickets/ }).click()
    await selectMany(page, filter('Priority'), ['High'])
    await expect(dataRows(queueTable())).toHaveCount(1)
    await page.getByRole('button', { name: 'Save view' }).click()
    const dialog = page.getByRole('dialog', { name: 'Save view' })
    await dialog.getByRole('textbox', { name: 'View name' }).fill('High priority')
    await expect(dialog.getByRole('checkbox', { name: 'Pin to the sidebar' })).toBeChecked()
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog).toBeHidden()
    const link = savedViews().getByRole('button', { name: /^High priority/ })
    await expect(link).toHaveAccessibleName('High priority 1')

    await page.getByRole('button', { name: 'Clear filters' }).first().click()
    await expect(dataRows(queueTable())).toHaveCount(3)
    await link.click()
    await expect(dataRows(queueTable())).toHaveCount(1)
    await expect(page.getByRole('search', { name: 'Quick filters' })).toContainText('High')
    await expect(link).toHaveAttribute('aria-current', 'true')
  })

  test('the count follows the tickets', async () => {
    await page.evaluate(async () => {
      const go = (window as unknown as { go: { app: Record<string, Record<string, (...a: unknown[]) => Promise<any>>> } }).go.app
      const id = await go.TicketService.IDByNumber(1)
      await go.TicketService.SetPriority(id, 'high')
    })
    await expect(savedViews().getByRole('button', { name: /^High priority/ })).toHaveAccessibleName('High priority 2')
    await expect(dataRows(queueTable())).toHaveCount(2)
  })

  test('rename and delete the view from Edit view', async () => {
    await savedViews().getByRole('button', { name: /^High priority/ }).click()
    await page.getByRole('button', { name: 'Edit view' }).click()
    const dialog = page.getByRole('dialog', { name: 'Edit view “High priority”' })
    await dialog.getByRole('textbox', { name: 'View name' }).fill('Hot tickets')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog).toBeHidden()
    await expect(savedViews().getByRole('button', { name: /^Hot tickets/ })).toHaveAccessibleName('Hot tickets 2')

    await page.getByRole('button', { name: 'Edit view' }).click()
    const again = page.getByRole('dialog', { name: 'Edit view “Hot tickets”' })
    await again.getByRole('button', { name: 'Delete view' }).click()
    await again.getByRole('button', { name: 'Delete for good' }).click()
    await expect(again).toBeHidden()
    await expect(savedViews()).toHaveCount(0)
  })

  test('the created-date range filters the queue', async () => {
    await page.getByRole('button', { name: 'Clear filters' }).first().click()
    await expect(dataRows(queueTable())).toHaveCount(3)
    const from = page.getByRole('search', { name: 'Quick filters' }).getByRole('combobox', { name: 'Created from' })
    await from.fill('2099-01-01')
    await from.press('Escape')
    await expect(page.getByText('No tickets match these filters')).toBeVisible()
    await page.getByRole('button', { name: 'Clear filters' }).first().click()
    await expect(dataRows(queueTable())).toHaveCount(3)
  })
})
