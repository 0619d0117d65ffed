import { test, expect, type Page, type Locator } from '@playwright/test'
import { signInAs, startApp, type RunningApp } from './app'
import { dataRows, selectMany, selectOne } from './ui'

// One desk, one story: the whole ticket flow of the first issue, driven
// through the real app as a user would, in order.
test.describe.serial('a help desk from first run to restart', () => {
  let app: RunningApp
  let page: Page
  let ticketNumber = ''
  let secondNumber = ''
  let ticketUrl = ''

  const ORG = 'Riverside Telecom'
  const ADMIN = 'Amina Yusuf'
  const AGENT = 'Brian Otieno'
  const CUSTOMER = 'Grace Wanjiru'
  const NOTE = 'Customer brought her ID; SIM swap requested.'
  const RESOLVE_NOTE = 'New SIM issued and activated.'

  const queueTable = () => page.getByRole('table', { name: 'Tickets' })
  const ticket = () => page.getByRole('article', { name: /^Ticket #/ })
  const activity = () => page.getByRole('list', { name: 'Activity' })
  const tab = (name: 'My tickets' | 'All tickets') => page.getByRole('tab', { name: new RegExp(`^${name}`) })
  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name })
  const filter = (name: string) => page.getByRole('search', { name: 'Quick filters' }).getByRole('combobox', { name, exact: true })

  async function openTicketFromQueue(number: string) {
    await nav('Tickets').click()
    await tab('All tickets').click()
    await queueTable().getByRole('link', { name: `Ticket ${number}`, exact: true }).click()
    await expect(ticket().getByRole('heading', { name: number })).toBeVisible()
  }

  async function changeStatus(to: string, note: string) {
    await selectOne(page, ticket().getByRole('combobox', { name: 'Status', exact: true }), to)
    if (to !== 'Resolved' && to !== 'Closed') {
      // A move that needs nothing is made at once, with Undo.
      await expect(ticket().getByRole('status').filter({ hasText: `Status changed to ${to}.` })).toBeVisible()
      await expect(ticket().locator('header')).toContainText(to)
      return
    }
    const dialog = page.getByRole('dialog', { name: 'Change status' })
    await expect(dialog).toBeVisible()
    // The resolving SOP: Resolved asks for a resolution summary, Closed for
    // the customer's confirmation.
    if (to === 'Resolved') await dialog.getByRole('textbox', { name: 'Resolution summary' }).fill(note)
    else if (note) await dialog.getByRole('textbox', { name: 'Note' }).fill(note)
    if (to === 'Closed') await dialog.getByRole('checkbox', { name: 'The customer confirmed the resolution' }).check()
    await dialog.getByRole('button', { name: 'Change status' }).click()
    await expect(dialog).toBeHidden()
    await expect(ticket().locator('header')).toContainText(to)
  }

  async function expectCount(t: Locator, n: number) {
    await expect(t).toContainText(String(n))
  }

  test.beforeAll(async ({ browser }) => {
    app = await startApp()
    page = await browser.newPage()
    await page.goto(app.url)
  })

  test.afterAll(async () => {
    await page?.close()
    await app?.stop()
  })

  test('first run creates the workspace and its first admin', async () => {
    await expect(page.getByRole('heading', { name: 'Welcome to Deskline' })).toBeVisible()
    await page.getByRole('textbox', { name: 'Organisation name' }).fill(ORG)
    await page.getByRole('textbox', { name: 'Your name' }).fill(ADMIN)
    await page.getByRole('button', { name: 'Create workspace' }).click()

    await expect(page.getByRole('heading', { name: 'Tickets' })).toBeVisible()
    await expect(page.getByRole('region', { name: 'Current user' })).toContainText(ADMIN)
    await expect(page.getByText('No tickets yet')).toBeVisible()
  })

  test('create a customer', async () => {
    await nav('Customers').click()
    await page.getByRole('button', { name: '+ New customer' }).click()
    const dialog = page.getByRole('dialog', { name: 'New customer' })
    await dialog.getByRole('textbox', { name: 'Name' }).fill(CUSTOMER)
    await dialog.getByRole('textbox', { name: 'Mobile Number' }).fill('0712 345 678')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('heading', { name: CUSTOMER })).toBeVisible()
  })

  test('create a ticket with two subjects, Walk-in source and a description', async () => {
    await nav('Tickets').click()
    await page.getByRole('button', { name: '+ Create', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'New ticket' })
    await expect(dialog).toBeVisible()

    await selectMany(page, dialog.getByRole('combobox', { name: 'Subjects' }), ['Account Issue', 'Technical Support'])
    await dialog.getByRole('combobox', { name: 'Customer/Lead' }).fill('Grace')
    await page.getByRole('option', { name: CUSTOMER }).click()
    await expect(dialog.getByRole('textbox', { name: 'Mobile Number' })).toHaveValue(/712\s?345\s?678/)
    await selectOne(page, dialog.getByRole('combobox', { name: 'Source' }), 'Walk-in')
    await dialog.getByRole('textbox', { name: 'Description' }).fill('SIM card stopped working after a phone reset.')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog).toBeHidden()

    // It opens beside the queue…
    const heading = ticket().getByRole('heading', { level: 2 })
    await expect(heading).toHaveText(/^#\d+$/)
    ticketNumber = (await heading.textContent())!.trim()
    ticketUrl = page.url()
    await expect(ticket().locator('header')).toContainText('Open')
    await expect(ticket().getByRole('combobox', { name: 'Assigned To' })).toHaveCount(1)
    await expect(ticket().getByRole('region', { name: 'Ticket properties' })).toContainText(ADMIN)

    // …and is at the top of the queue, Open and assigned to me.
    await ticket().getByRole('button', { name: 'Close ticket' }).click()
    const first = dataRows(queueTable()).first()
    await expect(first).toContainText(ticketNumber)
    await expect(first).toContainText('Open')
    await expect(first).toContainText(ADMIN)
    await expect(first).toContainText('Account Issue, Technical Support')
    await expect(first).toContainText(CUSTOMER)
    await expectCount(tab('My tickets'), 1)
  })

  test('open it and set In Progress', async () => {
    await queueTable().getByRole('link', { name: `Ticket ${ticketNumber}`, exact: true }).click()
    await expect(ticket().getByRole('heading', { name: ticketNumber })).toBeVisible()
    await expect(ticket()).toContainText('Walk-in')
    await expect(ticket()).toContainText('SIM card stopped working after a phone reset.')
    await changeStatus('In Progress', '')
    await expect(activity()).toContainText('In Progress')
  })

  test('add a note and see it in the activity feed', async () => {
    await ticket().getByRole('textbox', { name: 'Note' }).fill(NOTE)
    await ticket().getByRole('button', { name: 'Add Note' }).click()
    await expect(activity()).toContainText(NOTE)
    await expect(ticket().getByRole('textbox', { name: 'Note' })).toHaveValue('')
  })

  test('add a second user in Admin and assign them as well', async () => {
    await nav('Admin').click()
    await page.getByRole('tab', { name: 'Users' }).click()
    await page.getByRole('textbox', { name: 'Name' }).fill(AGENT)
    const roles = page.getByRole('combobox', { name: 'Role', exact: true })
    await roles.focus()
    await roles.press('ArrowDown')
    await page.getByRole('option', { name: /support/i }).click()
    await page.getByRole('button', { name: 'Add user' }).click()
    await expect(page.getByRole('table', { name: 'Users' })).toContainText(AGENT)

    await openTicketFromQueue(ticketNumber)
    await selectMany(page, ticket().getByRole('combobox', { name: 'Assigned To' }), [AGENT])
    await expect(activity()).toContainText(AGENT)
    await expect(ticket().getByRole('region', { name: 'Ticket properties' })).toContainText(ADMIN)
    await expect(ticket().getByRole('region', { name: 'Ticket properties' })).toContainText(AGENT)
  })

  test('the second user finds the ticket in their My tickets', async () => {
    await signInAs(page, AGENT)
    await expect(page.getByRole('region', { name: 'Current user' })).toContainText(AGENT)
    await nav('Tickets').click()
    await tab('My tickets').click()
    await expectCount(tab('My tickets'), 1)
    await expect(dataRows(queueTable()).first()).toContainText(ticketNumber)
  })

  test('set Resolved with a note, then Closed', async () => {
    await queueTable().getByRole('link', { name: `Ticket ${ticketNumber}`, exact: true }).click()
    await changeStatus('Resolved', RESOLVE_NOTE)
    await expect(activity()).toContainText(RESOLVE_NOTE)
    await expect(activity()).toContainText(AGENT)
    await changeStatus('Closed', '')
    await expect(activity()).toContainText('Closed')
  })

  test('filter the queue by subject and by status', async () => {
    // A second ticket, still Open, that the filters must tell apart.
    // (Creating a walk-in ticket with the keyboard alone is covered with the
    // keyboard work of the "Fast hands" issue.)
    await nav('Tickets').click()
    await page.getByRole('button', { name: '+ Create', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'New ticket' })
    await selectMany(page, dialog.getByRole('combobox', { name: 'Subjects' }), ['Complaint'])
    await expect(dialog).toContainText('Complaint')
    const contact = dialog.getByRole('combobox', { name: 'Customer/Lead' })
    await contact.fill('0712')
    await page.getByRole('option', { name: CUSTOMER }).click()
    await expect(contact).toHaveValue(CUSTOMER)
    await expect(dialog.getByRole('textbox', { name: 'Mobile Number' })).not.toHaveValue('')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog).toBeHidden()
    secondNumber = (await ticket().getByRole('heading', { level: 2 }).textContent())!.trim()
    expect(secondNumber).not.toBe(ticketNumber)
    await ticket().getByRole('button', { name: 'Close ticket' }).click()

    // Closed tickets are archived: the queue shows them when the Status filter asks.
    await tab('All tickets').click()
    const rows = dataRows(queueTable())
    await expect(rows).toHaveCount(1)
    await expect(rows.first()).toContainText(secondNumber)

    await selectMany(page, filter('Status'), ['Open', 'Closed'])
    await expect(rows).toHaveCount(2)

    await selectMany(page, filter('Subject'), ['Account Issue'])
    await expect(rows).toHaveCount(1)
    await expect(rows.first()).toContainText(ticketNumber)

    await selectMany(page, filter('Subject'), ['Account Issue', 'Complaint'])
    await expect(rows).toHaveCount(1)
    await expect(rows.first()).toContainText(secondNumber)

    await selectMany(page, filter('Status'), ['Open'])
    await expect(page.getByText('No tickets match these filters')).toBeVisible()

    await selectMany(page, filter('Subject'), ['Complaint'])
    await expect(rows).toHaveCount(1)
    await expect(rows.first()).toContainText(ticketNumber)
    await expect(rows.first()).toContainText('Closed')

    await page.getByRole('button', { name: 'Clear filters' }).first().click()
    await expect(rows).toHaveCount(1)
    await expect(rows.first()).toContainText(secondNumber)
  })

  test('saving without a subject says so at the field and creates nothing', async () => {
    const before = await tab('All tickets').textContent()
    await page.getByRole('button', { name: '+ Create', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'New ticket' })
    await dialog.getByRole('combobox', { name: 'Customer/Lead' }).fill('Grace')
    await page.getByRole('option', { name: CUSTOMER }).click()
    await dialog.getByRole('textbox', { name: 'Description' }).fill('This one must not be saved')
    await dialog.getByRole('button', { name: 'Save' }).click()

    const alert = dialog.getByRole('alert')
    await expect(alert).toBeVisible()
    await expect(alert).not.toHaveText('')
    const subjects = dialog.getByRole('combobox', { name: 'Subjects' })
    const describedBy = await subjects.getAttribute('aria-describedby')
    expect(describedBy).toBeTruthy()
    await expect(dialog.locator(`[id="${describedBy}"]`)).toHaveText((await alert.textContent())!)
    await expect(dialog).toBeVisible()

    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(dialog).toBeHidden()
    await expect(tab('All tickets')).toHaveText(before!)
    await expect(dataRows(queueTable())).toHaveCount(1)
    await expect(page.getByText('This one must not be saved')).toHaveCount(0)
  })

  test('after a restart everything is still there', async () => {
    await app.restart()
    await page.goto(app.url)
    await expect(page.getByRole('heading', { name: 'Tickets' })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Welcome to Deskline' })).toHaveCount(0)

    await tab('All tickets').click()
    await expect(dataRows(queueTable()).first()).toContainText(secondNumber)
    await selectMany(page, filter('Status'), ['Closed'])
    await queueTable().getByRole('link', { name: `Ticket ${ticketNumber}`, exact: true }).click()
    await expect(ticket().getByRole('heading', { name: ticketNumber })).toBeVisible()
    await expect(page).toHaveURL(ticketUrl)

    const header = ticket().locator('header')
    await expect(header).toContainText('Closed')
    await expect(header).toContainText('Account Issue')
    await expect(header).toContainText('Technical Support')
    const props = ticket().getByRole('region', { name: 'Ticket properties' })
    await expect(props).toContainText(ADMIN)
    await expect(props).toContainText(AGENT)
    await expect(activity()).toContainText(NOTE)
    await expect(activity()).toContainText(RESOLVE_NOTE)
    await expect(ticket()).toContainText(CUSTOMER)
    await expect(ticket()).toContainText('Walk-in')
    await expect(ticket()).toContainText('SIM card stopped working after a phone reset.')

    await nav('Customers').click()
    await expect(page.getByRole('table', { name: 'Customers' })).toContainText(CUSTOMER)
    // The agent, signed in last, is signed in again; the users are the admin's to see.
    await signInAs(page, ADMIN)
    await nav('Admin').click()
    await page.getByRole('tab', { name: 'Users' }).click()
    await expect(page.getByRole('table', { name: 'Users' })).toContainText(AGENT)
  })
})
