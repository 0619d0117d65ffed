import { test, expect, type Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { startApp, type RunningApp } from './app'
import { dataRows, selectOne } from './ui'

// Issue "The counter clerk's minute": one customer record each (the warning
// on a mobile number already on file, and the admin's merge), every problem
// of the new-ticket form at once, and a status move that needs nothing made
// at once with Undo.
test.describe.serial('the counter clerk', () => {
  let app: RunningApp
  let page: Page

  const ADMIN = 'Asha Admin'
  const CUSTOMER = 'Grace Wanjiru'
  const SHOTS = process.env.CLERK_SHOTS || ''
  const ticket = () => page.getByRole('article', { name: /^Ticket #/ })
  const activity = () => page.getByRole('list', { name: 'Activity' })
  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name })
  const shot = async (name: string) => {
    if (!SHOTS) return
    mkdirSync(SHOTS, { recursive: true })
    await page.screenshot({ path: `${SHOTS}/${name}.png` })
  }

  test.beforeAll(async ({ browser }) => {
    app = await startApp()
    page = await browser.newPage()
    await page.goto(app.url)
    await page.getByRole('textbox', { name: 'Organisation name' }).fill('Harbour Bank')
    await page.getByRole('textbox', { name: 'Your name' }).fill(ADMIN)
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await expect(page.getByRole('heading', { name: 'Tickets' })).toBeVisible()
  })

  test.afterAll(async () => {
    await page?.close()
    await app?.stop()
  })

  async function newCustomer(name: string, mobile: string) {
    await nav('Customers').click()
    await page.getByRole('button', { name: '+ New customer' }).click()
    const dialog = page.getByRole('dialog', { name: 'New customer' })
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name)
    await dialog.getByRole('textbox', { name: 'Mobile Number' }).fill(mobile)
    await dialog.getByRole('button', { name: 'Save', exact: true }).click()
    return dialog
  }

  test('a second customer with a mobile number on file is warned about, and saved only on purpose', async () => {
    const first = await newCustomer(CUSTOMER, '0712 345 678')
    await expect(first).toBeHidden()
    await expect(page.getByRole('heading', { name: CUSTOMER })).toBeVisible()

    // The same number written differently.
    const dialog = await newCustomer(CUSTOMER, '0712-345-678')
    const onFile = dialog.getByRole('region', { name: 'Already on file' })
    await expect(onFile).toContainText('This mobile number is already on file')
    await expect(onFile).toContainText(CUSTOMER)
    await expect(onFile.getByRole('button', { name: `Use this one: ${CUSTOMER}` })).toBeVisible()
    await expect(dialog.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0)
    await shot('duplicate-warning')

    // The deliberate second step saves a new record anyway.
    await dialog.getByRole('button', { name: 'Save a new customer anyway' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('heading', { name: CUSTOMER })).toBeVisible()
  })

  test('the new-ticket form offers the record on file and uses it', async () => {
    await nav('Tickets').click()
    await page.getByRole('button', { name: '+ Create', exact: true }).click()
    const form = page.getByRole('dialog', { name: 'New ticket' })
    await form.getByRole('button', { name: 'New customer' }).click()
    const dialog = page.getByRole('dialog', { name: 'New customer' })
    await dialog.getByRole('textbox', { name: 'Name' }).fill('G. Wanjiru')
    await dialog.getByRole('textbox', { name: 'Mobile Number' }).fill('0712 345 678')
    await dialog.getByRole('button', { name: 'Save', exact: true }).click()
    const onFile = dialog.getByRole('region', { name: 'Already on file' })
    await expect(onFile).toContainText('2 records already have this mobile number')
    await onFile.getByRole('button', { name: `Use this one: ${CUSTOMER}` }).first().click()
    await expect(dialog).toBeHidden()
    await expect(form.getByRole('combobox', { name: 'Customer/Lead' })).toHaveValue(CUSTOMER)
    await expect(form.getByRole('textbox', { name: 'Mobile Number' })).toHaveValue('0712345678')
    await form.getByRole('button', { name: 'Cancel' }).click()
    await expect(form).toBeHidden()
  })

  test('an empty new-ticket form shows every problem at once and focuses the first', async () => {
    await page.getByRole('button', { name: '+ Create', exact: true }).click()
    const form = page.getByRole('dialog', { name: 'New ticket' })
    await form.getByRole('button', { name: 'Save', exact: true }).click()
    const customer = form.getByRole('combobox', { name: 'Customer/Lead' })
    await expect(customer).toHaveAccessibleDescription('Link the ticket to a customer or lead')
    await expect(form.getByRole('combobox', { name: 'Subjects' })).toHaveAccessibleDescription('Choose at least one subject')
    await expect(form.getByRole('textbox', { name: 'Mobile Number' })).toHaveAccessibleDescription('Mobile number is required')
    await expect(form.locator('.field-error')).toHaveCount(3)
    await expect(customer).toBeFocused()
    await shot('all-problems')
    await page.keyboard.press('Escape')
    await expect(form).toBeHidden()
  })

  test('a customer page starts a ticket with the customer filled in', async () => {
    await nav('Customers').click()
    await page.getByRole('link', { name: CUSTOMER }).first().click()
    await page.getByRole('button', { name: 'New ticket' }).click()
    const form = page.getByRole('dialog', { name: 'New ticket' })
    await expect(form.getByRole('combobox', { name: 'Customer/Lead' })).toHaveValue(CUSTOMER)
    await expect(form.getByRole('textbox', { name: 'Description' })).toBeFocused()
    await page.keyboard.type('Card swallowed by the ATM')
    await page.keyboard.press('Tab')
    for (const k of ['C', 'o', 'm', 'p', 'Enter', 'Control+Enter']) await page.keyboard.press(k)
    await expect(form).toBeHidden()
    await expect(ticket()).toContainText('Complaint')
    await expect(ticket()).toContainText(CUSTOMER)
  })

  test('Open → In Progress is made at once, and Undo takes it back', async () => {
    const status = ticket().getByRole('combobox', { name: 'Status', exact: true })
    await selectOne(page, status, 'In Progress')
    await expect(page.getByRole('dialog', { name: 'Change status' })).toHaveCount(0)
    const undo = ticket().getByRole('status').filter({ hasText: 'Status changed to In Progress.' })
    await expect(undo).toBeVisible()
    await expect(ticket().locator('header')).toContainText('In Progress')
    await shot('status-undo')
    await undo.getByRole('button', { name: 'Undo' }).click()
    await expect(ticket().locator('header')).toContainText('Open')
    await expect(undo).toHaveCount(0)
    // A move that needs something still asks.
    await selectOne(page, status, 'Resolved')
    const dialog = page.getByRole('dialog', { name: 'Change status' })
    await expect(dialog.getByRole('textbox', { name: 'Resolution summary' })).toBeVisible()
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(dialog).toBeHidden()
    await expect(ticket().locator('header')).toContainText('Open')
  })

  test('an admin merges the duplicates: the tickets move to the one kept, and the feed says so', async () => {
    // A ticket on the duplicate (the second record), through the bound API.
    const dupId = await page.evaluate(async () => {
      const go = (window as unknown as { go: { app: Record<string, Record<string, (...a: unknown[]) => Promise<any>>> } }).go.app
      const both = await go.ContactService.WithMobile('0712345678', '')
      const subjects = await go.CatalogService.ListSubjects(false)
      const dup = both[1]
      await go.TicketService.Create({ subjectIds: [subjects[0].id], contactId: dup.id, mobile: dup.mobile, sourceId: '', description: 'Statement for March', priority: '' })
      return dup.id as string
    })
    await nav('Admin').click()
    await page.getByRole('tab', { name: 'Possible duplicates' }).click()
    const group = page.getByRole('list', { name: 'Possible duplicates' }).getByRole('listitem', { name: 'Mobile 0712345678' })
    await expect(group.getByRole('link', { name: CUSTOMER })).toHaveCount(2)
    await group.getByRole('button', { name: /^Keep Grace Wanjiru/ }).first().click()
    const confirm = group.getByRole('group', { name: 'Confirm the merge' })
    await expect(confirm).toContainText(`Merge the other record into ${CUSTOMER}?`)
    await confirm.getByRole('button', { name: 'Merge' }).click()
    await expect(page.getByText('No possible duplicates')).toBeVisible()

    // The customer kept has both tickets; the merged one says where it went.
    await nav('Customers').click()
    const rows = page.getByRole('link', { name: CUSTOMER })
    await expect(rows).toHaveCount(1)
    await rows.click()
    const history = page.getByRole('table', { name: 'Ticket history' })
    await expect(dataRows(history)).toHaveCount(2)
    await shot('merged-customer')
    await page.goto(`${app.url.replace(/\/$/, '')}/#/customers/${dupId}`)
    await expect(page.getByText('This record was merged into another one')).toBeVisible()

    await page.getByRole('link', { name: 'Open the record it was merged into' }).click()
    await page.getByRole('table', { name: 'Ticket history' }).getByRole('link', { name: '#2' }).click()
    await expect(activity()).toContainText(`Duplicate records merged: ${CUSTOMER} (0712345678) into ${CUSTOMER}`)
  })
})
