import { readFileSync } from 'node:fs'
import { test, expect, type Page } from '@playwright/test'
import { startApp, type RunningApp } from './app'
import { dataRows, selectMany, selectOne } from './ui'

// Customers, leads and the admin's catalog, against the real app: the parts
// of the first issue around the ticket flow.
test.describe.serial('customers, leads and admin', () => {
  let app: RunningApp
  let page: Page

  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name })
  const ticket = () => page.getByRole('article', { name: /^Ticket #/ })
  const activity = () => page.getByRole('list', { name: 'Activity' })

  test.beforeAll(async ({ browser }) => {
    app = await startApp()
    page = await browser.newPage()
    await page.goto(app.url)
    await page.getByRole('textbox', { name: 'Organisation name' }).fill('Lakeside Water')
    await page.getByRole('textbox', { name: 'Your name' }).press('Enter')
    // Go names the missing field; the form shows it there.
    await expect(page.getByRole('alert')).toBeVisible()
    await expect(page.getByRole('textbox', { name: 'Your name' })).toHaveAttribute('aria-describedby', /error/)
    await page.getByRole('textbox', { name: 'Your name' }).fill('Joseph Mutua')
    await page.getByRole('textbox', { name: 'Your name' }).press('Enter')
    await expect(page.getByRole('heading', { name: 'Tickets' })).toBeVisible()
  })

  test.afterAll(async () => {
    await page?.close()
    await app?.stop()
  })

  test('a lead with a bad mobile number is refused at the field, then saved', async () => {
    await nav('Leads').click()
    // The list keeps the last search; with it cleared, there are no leads left.
    await page.getByRole('searchbox', { name: 'Search leads' }).fill('')
    await expect(page.getByText('No leads yet')).toBeVisible()
    await page.getByRole('button', { name: '+ New lead' }).click()
    const dialog = page.getByRole('dialog', { name: 'New lead' })
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Esther Wambui')
    await dialog.getByRole('textbox', { name: 'Mobile Number' }).fill('12-34')
    await dialog.getByRole('button', { name: 'Save' }).click()
    const mobile = dialog.getByRole('textbox', { name: 'Mobile Number' })
    await expect(dialog.getByRole('alert')).toContainText(/digits/i)
    await expect(mobile).toHaveAttribute('aria-describedby', /error/)

    await mobile.fill('+254 733 111 222')
    await selectOne(page, dialog.getByRole('combobox', { name: 'Lead status' }), 'Qualified')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('heading', { name: 'Esther Wambui' })).toBeVisible()
    await expect(page.getByRole('region', { name: 'Contact details' })).toContainText('Qualified')
  })

  test('leads are found by part of the mobile number as you type', async () => {
    await nav('Leads').click()
    const search = page.getByRole('searchbox', { name: 'Search leads' })
    await search.fill('111 2')
    await expect(page.getByRole('table', { name: 'Leads' })).toContainText('Esther Wambui')
    await search.fill('999999')
    await expect(page.getByText('No leads match')).toBeVisible()
    await search.fill('esth')
    await expect(page.getByRole('table', { name: 'Leads' })).toContainText('Esther Wambui')
  })

  test('a customer created in place from the ticket form is linked to the ticket', async () => {
    await nav('Tickets').click()
    await page.getByRole('button', { name: '+ Create', exact: true }).click()
    const form = page.getByRole('dialog', { name: 'New ticket' })
    await selectMany(page, form.getByRole('combobox', { name: 'Subjects' }), ['Document Request'])
    await form.getByRole('button', { name: 'New customer' }).click()
    const newCustomer = page.getByRole('dialog', { name: 'New customer' })
    await newCustomer.getByRole('textbox', { name: 'Name' }).fill('Daniel Kiprono')
    await newCustomer.getByRole('textbox', { name: 'Mobile Number' }).fill('0722 000 111')
    await newCustomer.getByRole('button', { name: 'Save' }).click()
    await expect(newCustomer).toBeHidden()
    await expect(form.getByRole('combobox', { name: 'Customer/Lead' })).toHaveValue('Daniel Kiprono')
    await expect(form.getByRole('textbox', { name: 'Mobile Number' })).toHaveValue(/0722\s?000\s?111/)
    await form.getByRole('button', { name: 'Save' }).click()
    await expect(form).toBeHidden()
    await expect(ticket()).toContainText('Daniel Kiprono')
  })

  test('the ticket is relinked to the lead, edited, re-prioritised and given another subject', async () => {
    await ticket().getByRole('button', { name: 'Link customer' }).click()
    const link = page.getByRole('dialog', { name: 'Link customer' })
    await link.getByRole('combobox', { name: 'Customer/Lead' }).fill('Esther')
    await page.getByRole('option', { name: 'Esther Wambui' }).click()
    await link.getByRole('button', { name: 'Link', exact: true }).click()
    await expect(link).toBeHidden()
    await expect(ticket().getByRole('region', { name: 'Customer' })).toContainText('Esther Wambui')
    await expect(ticket().getByRole('region', { name: 'Customer' })).toContainText('Lead')
    await expect(ticket().getByRole('region', { name: 'Details' })).toContainText('733')

    await ticket().getByRole('button', { name: 'Edit' }).click()
    const edit = page.getByRole('dialog', { name: 'Edit ticket' })
    await selectOne(page, edit.getByRole('combobox', { name: 'Source' }), 'WhatsApp')
    await edit.getByRole('textbox', { name: 'Description' }).fill('Needs a copy of the March bill.')
    await edit.getByRole('button', { name: 'Save' }).click()
    await expect(edit).toBeHidden()
    await expect(ticket().getByRole('region', { name: 'Details' })).toContainText('WhatsApp')
    await expect(ticket().getByRole('region', { name: 'Details' })).toContainText('Needs a copy of the March bill.')

    await selectOne(page, ticket().getByRole('combobox', { name: 'Priority', exact: true }), 'Urgent')
    await expect(ticket().locator('header')).toContainText('Urgent')

    await selectOne(page, ticket().getByRole('combobox', { name: 'Add subject' }), 'Complaint')
    await expect(ticket().locator('header')).toContainText('Complaint')
    await ticket().getByRole('button', { name: 'Remove subject Document Request' }).click()
    await expect(ticket().locator('header')).not.toContainText('Document Request')
    await expect(activity()).toContainText('Esther Wambui')
    await expect(activity()).toContainText('Urgent')
    await expect(activity()).toContainText('Complaint')
  })

  test('converting the lead keeps its ticket', async () => {
    await ticket().getByRole('region', { name: 'Customer' }).getByRole('link', { name: 'Esther Wambui' }).click()
    await expect(page.getByRole('heading', { name: 'Esther Wambui' })).toBeVisible()
    await page.getByRole('button', { name: 'Convert to customer' }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Convert to customer' }).click()
    await expect(page).toHaveURL(/#\/customers\//)
    await expect(page.getByRole('main').or(page.locator('body'))).toContainText('Customer')
    await expect(page.getByRole('table', { name: 'Ticket history' })).toContainText('Complaint')
    await nav('Customers').click()
    await expect(page.getByRole('table', { name: 'Customers' })).toContainText('Esther Wambui')
    await nav('Leads').click()
    // The list keeps the last search; with it cleared, there are no leads left.
    await page.getByRole('searchbox', { name: 'Search leads' }).fill('')
    await expect(page.getByText('No leads yet')).toBeVisible()
  })

  test('subjects are renamed and deactivated; with none active the form says an admin must configure them', async () => {
    await nav('Admin').click()
    const table = page.getByRole('table', { name: 'Ticket Subjects' })
    await page.getByRole('button', { name: 'Rename Complaint' }).click()
    await page.getByRole('textbox', { name: 'New name for Complaint' }).fill('Complaints')
    await page.getByRole('textbox', { name: 'New name for Complaint' }).press('Enter')
    await expect(table).toContainText('Complaints')

    for (const name of ['Account Issue', 'Complaints', 'Document Request', 'General Inquiry', 'Technical Support']) {
      await page.getByRole('button', { name: `Deactivate ${name}` }).click()
      await expect(page.getByRole('button', { name: `Reactivate ${name}` })).toBeVisible()
    }

    await nav('Tickets').click()
    await page.getByRole('button', { name: '+ Create', exact: true }).click()
    const form = page.getByRole('dialog', { name: 'New ticket' })
    await expect(form).toContainText('An admin needs to configure Ticket Subjects')
    await form.getByRole('link', { name: /Admin/ }).click()
    await expect(form).toBeHidden()
    await expect(page.getByRole('heading', { name: 'Admin' })).toBeVisible()

    await page.getByRole('button', { name: 'Reactivate General Inquiry' }).click()
    await page.getByRole('textbox', { name: 'New subject' }).fill('Billing')
    await page.getByRole('button', { name: 'Add subject' }).click()
    await expect(table).toContainText('Billing')

    // The ticket keeps its deactivated subject; the form offers only active ones.
    await nav('Tickets').click()
    await expect(dataRows(page.getByRole('table', { name: 'Tickets' })).first()).toContainText('Complaints')
    await page.getByRole('button', { name: '+ Create', exact: true }).click()
    const subjects = form.getByRole('combobox', { name: 'Subjects' })
    await subjects.focus()
    await subjects.press('ArrowDown')
    const list = page.getByRole('listbox')
    await expect(list.getByRole('option')).toHaveText(['Billing', 'General Inquiry'])
    await page.keyboard.press('Escape')
    await form.getByRole('button', { name: 'Cancel' }).click()
  })

  test('About Deskline shows the release version and the data folder', async () => {
    const version = readFileSync('../VERSION', 'utf8').trim()
    await page.getByRole('button', { name: 'About Deskline' }).click()
    const about = page.getByRole('dialog', { name: 'About Deskline' })
    await expect(about.getByTestId('about-version')).toHaveText(version)
    await expect(about).toContainText(app.dataDir)
    await page.keyboard.press('Escape')
    await expect(about).toBeHidden()
  })
})
