import { test, expect, type Page } from '@playwright/test'
import { startApp, type RunningApp } from './app'
import { dataRows } from './ui'

// Issue "Fast hands", the keyboard: a walk-in ticket for a known customer
// from `c` to saved with no mouse at all, walking the queue, the command
// palette, the ticket's single keys and the `?` help. The team dashboard's
// counts are checked on the same desk.
test.describe.serial('the keyboard', () => {
  let app: RunningApp
  let page: Page

  const ADMIN = 'Asha Admin'
  const AGENT = 'Bilal Agent'
  const CUSTOMER = 'Grace Wanjiru'
  const queueTable = () => page.getByRole('table', { name: 'Tickets' })
  const ticket = () => page.getByRole('article', { name: /^Ticket #/ })

  test.beforeAll(async ({ browser }) => {
    app = await startApp()
    page = await browser.newPage()
    await page.goto(app.url)
    await page.getByRole('textbox', { name: 'Organisation name' }).fill('Harbour Bank')
    await page.getByRole('textbox', { name: 'Your name' }).fill(ADMIN)
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await expect(page.getByRole('heading', { name: 'Tickets' })).toBeVisible()
    await page.evaluate(
      async ({ agent, customer }) => {
        const go = (window as unknown as { go: { app: Record<string, Record<string, (...a: unknown[]) => Promise<any>>> } }).go.app
        const bilal = await go.UserService.Save({ id: '', name: agent, role: 'support', active: true })
        const subjects = await go.CatalogService.ListSubjects(false)
        const c = await go.ContactService.Save({ id: '', kind: 'customer', name: customer, mobile: '0712 345 678', email: '', leadStatus: '' })
        const make = (i: number, description: string) =>
          go.TicketService.Create({ subjectIds: [subjects[i].id], contactId: c.id, mobile: c.mobile, sourceId: '', description, priority: '' })
        await make(0, 'Statement for March')
        const b = await make(1, 'Card swallowed by the ATM')
        await go.TicketService.AddAssignees(b.ticket.id, [bilal.id])
        const w = await make(2, 'Waiting on a copy of the ID')
        await go.TicketService.ChangeStatus(w.ticket.id, { status: 'waiting', note: '', resolution: '', customerConfirmed: false })
      },
      { agent: AGENT, customer: CUSTOMER },
    )
    await page.reload()
    await expect(dataRows(queueTable())).toHaveCount(3)
  })

  test.afterAll(async () => {
    await page?.close()
    await app?.stop()
  })

  test('a walk-in ticket for a known customer, from c to saved, without the mouse, at full speed', async () => {
    // Every key goes in at once, with no wait between keys: the form must
    // lose none and put none in the wrong field.
    const DESCRIPTION = 'Needs a bank letter for her visa.'
    const keys: string[] = [
      'c', // New ticket; the focus starts at Customer/Lead
      ...'0712345', // her mobile number
      'Enter', // the first match
      'Tab',
      'Tab', // past New customer, to Description
      ...DESCRIPTION,
      'Tab', // Subjects
      ...'Docu', // narrows the list
      'Enter', // Document Request
      'Control+Enter', // Save
    ]
    for (const k of keys) await page.keyboard.press(k)
    const dialog = page.getByRole('dialog', { name: 'New ticket' })
    await expect(dialog).toBeHidden()
    await expect(ticket().getByRole('heading', { name: '#4' })).toBeVisible()
    await expect(ticket()).toContainText('Document Request')
    await expect(ticket()).toContainText(CUSTOMER)
    await expect(ticket()).toContainText(DESCRIPTION)
    const count = keys.length - DESCRIPTION.length
    console.log(`walk-in ticket: ${count} keystrokes plus the description (${DESCRIPTION.length} characters)`)
    test.info().annotations.push({ type: 'keystrokes', description: `${count} + description` })
    expect(count).toBeLessThanOrEqual(18)
  })

  test('Tab right after Esc closes the Subjects list goes to the next field', async () => {
    await page.keyboard.press('Escape') // back to the queue
    await expect(ticket()).toHaveCount(0)
    await page.keyboard.press('c')
    const dialog = page.getByRole('dialog', { name: 'New ticket' })
    await expect(dialog).toBeVisible()
    await dialog.getByRole('combobox', { name: 'Subjects' }).focus()
    for (const k of ['ArrowDown', 'A', 'c', 'c', 'Escape', 'Tab']) await page.keyboard.press(k)
    await expect(dialog.getByRole('textbox', { name: 'Mobile Number' })).toBeFocused()
    await expect(dialog.getByRole('listbox')).toHaveCount(0)
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
  })

  test('j/k and the arrows walk the queue, Enter opens, Esc comes back', async () => {
    await expect(ticket()).toHaveCount(0)
    const rows = dataRows(queueTable())
    await expect(rows).toHaveCount(4)
    // The ticket just created and opened is where the keyboard starts.
    await expect(rows.nth(0)).toHaveAttribute('aria-current', 'true')
    await expect(rows.nth(0)).toContainText('#4')
    await page.keyboard.press('j')
    await page.keyboard.press('j')
    await page.keyboard.press('ArrowDown')
    await expect(rows.nth(3)).toHaveAttribute('aria-current', 'true')
    await page.keyboard.press('k')
    await page.keyboard.press('ArrowUp')
    await expect(rows.nth(1)).toHaveAttribute('aria-current', 'true')
    await expect(queueTable().locator('tbody tr[aria-current="true"]')).toHaveCount(1)
    await expect(page.getByText(/Row 2 of\s+4 tickets/)).toBeVisible()
    // End and Home go to either end, Page Down and Up a screenful (here: all four rows).
    await page.keyboard.press('End')
    await expect(page.getByText(/Row 4 of\s+4 tickets/)).toBeVisible()
    await page.keyboard.press('Home')
    await expect(rows.nth(0)).toHaveAttribute('aria-current', 'true')
    await page.keyboard.press('PageDown')
    await expect(rows.nth(3)).toHaveAttribute('aria-current', 'true')
    await page.keyboard.press('PageUp')
    await expect(rows.nth(0)).toHaveAttribute('aria-current', 'true')
    await page.keyboard.press('j')
    await expect(rows.nth(1)).toHaveAttribute('aria-current', 'true')
    const second = (await rows.nth(1).getByRole('link').textContent())!.trim()
    // x selects the keyboard's row for a bulk action, and x again lets it go.
    const box = rows.nth(1).getByRole('checkbox', { name: `Select ticket ${second}` })
    await page.keyboard.press('x')
    await expect(box).toBeChecked()
    await expect(page.getByText('1 selected')).toBeVisible()
    await page.keyboard.press('x')
    await expect(box).not.toBeChecked()
    await page.keyboard.press('Enter')
    await expect(ticket().getByRole('heading', { name: second })).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(ticket()).toHaveCount(0)
    // The keyboard stays where it was.
    await expect(rows.nth(1)).toHaveAttribute('aria-current', 'true')
  })

  test('in a ticket, single keys open the pickers and n starts a note; keys typed in the note stay in it', async () => {
    await page.keyboard.press('Enter')
    await expect(ticket()).toBeVisible()
    await page.keyboard.press('p')
    const priority = ticket().getByRole('combobox', { name: 'Priority' })
    await expect(priority).toHaveAttribute('aria-expanded', 'true')
    await expect(priority).toBeFocused()
    // Medium is chosen now: two down is Urgent.
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await expect(ticket().locator('header')).toContainText('Urgent')
    // Once the list has closed, the keyboard is the ticket's again.
    await expect(priority).not.toBeFocused()

    await page.keyboard.press('n')
    const note = ticket().getByRole('textbox', { name: 'Note' })
    await expect(note).toBeFocused()
    // c, s, j and ? typed in a field are text, not shortcuts.
    await page.keyboard.type('Called her: she will bring the passport? Yes.')
    await expect(page.getByRole('dialog', { name: 'New ticket' })).toHaveCount(0)
    await expect(note).toHaveValue('Called her: she will bring the passport? Yes.')
    await page.keyboard.press('Control+Enter')
    await expect(page.getByRole('list', { name: 'Activity' })).toContainText('Called her: she will bring the passport? Yes.')

    await page.keyboard.press('Escape') // leaves the note box
    await page.keyboard.press('s')
    const status = ticket().getByRole('combobox', { name: 'Status', exact: true })
    await expect(status).toHaveAttribute('aria-expanded', 'true')
    await page.keyboard.press('Escape')
    await expect(status).not.toBeFocused()
  })

  test('Ctrl+K opens the palette: a ticket by number, and the open ticket\'s actions by name', async () => {
    await page.keyboard.press('Control+k')
    const palette = page.getByRole('dialog', { name: 'Command palette' })
    await expect(palette).toBeVisible()
    const input = palette.getByRole('combobox', { name: 'Type a command or a ticket number' })
    await expect(input).toBeFocused()
    await input.fill('#99')
    await page.keyboard.press('Enter')
    await expect(palette.getByRole('alert')).toHaveText('There is no ticket #99.')
    await input.fill('#1')
    await page.keyboard.press('Enter')
    await expect(palette).toBeHidden()
    await expect(ticket().getByRole('heading', { name: '#1' })).toBeVisible()

    await page.keyboard.press('Control+k')
    await input.fill('assignees')
    await expect(palette.getByRole('option')).toHaveCount(1)
    await expect(palette.getByRole('option')).toContainText('Change assignees of #1')
    await page.keyboard.press('Enter')
    await expect(palette).toBeHidden()
    const assignees = ticket().getByRole('combobox', { name: 'Assigned To' })
    await expect(assignees).toHaveAttribute('aria-expanded', 'true')
    await page.keyboard.press('Escape')
    await expect(assignees).not.toBeFocused()

    // Switch view by name.
    await page.keyboard.press('Control+k')
    await input.fill('my tickets')
    await page.keyboard.press('Enter')
    await expect(page.getByRole('tab', { name: /^My tickets/ })).toHaveAttribute('aria-selected', 'true')

    await page.keyboard.press('Control+k')
    await input.fill('go dash')
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible()
  })

  test('the dashboard counts the desk and its counts open the queue', async () => {
    await expect(page.getByRole('button', { name: 'Open: 3' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Waiting for Customer: 1' })).toBeVisible()
    await expect(page.getByRole('group', { name: 'Created today: 4' })).toBeVisible()
    const team = page.getByRole('table', { name: 'Team workload' })
    await expect(dataRows(team).first()).toContainText(ADMIN)
    await expect(dataRows(team).first()).toContainText('4')
    await expect(team).toContainText(AGENT)
    await page.getByRole('button', { name: 'Waiting for Customer: 1' }).click()
    await expect(page.getByRole('heading', { name: 'Tickets' })).toBeVisible()
    await expect(dataRows(queueTable())).toHaveCount(1)
    await expect(queueTable()).toContainText('Waiting for Customer')
  })

  test('? lists every shortcut', async () => {
    await page.keyboard.press('?')
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect(help).toBeVisible()
    for (const text of ['Open the command palette', 'Create a ticket', 'Search tickets', 'Next ticket', 'A screenful down', 'Last ticket', 'Change status', 'Write a note', 'Back to the queue'])
      await expect(help).toContainText(text)
    await page.keyboard.press('Escape')
    await expect(help).toBeHidden()
  })
})
