import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test, expect, type Page } from '@playwright/test'
import { startApp, type RunningApp } from './app'
import { selectMany } from './ui'

// Getting data out and in, and the walk-in receipt, against the real app.
// The system's file dialogs cannot be driven from here: the dev build
// answers them unattended (DESKLINE_DEV_SAVE_DIR, DESKLINE_DEV_OPEN_FILE).
type Go = { go: { app: Record<string, Record<string, (...a: unknown[]) => Promise<any>>> } }

test.describe.serial('exports, imports and prints', () => {
  let app: RunningApp
  let page: Page
  const saveDir = mkdtempSync(path.join(tmpdir(), 'deskline-e2e-saved-'))
  const importFile = path.join(mkdtempSync(path.join(tmpdir(), 'deskline-e2e-import-')), 'customers.csv')

  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name })

  test.beforeAll(async ({ browser }) => {
    process.env.DESKLINE_DEV_SAVE_DIR = saveDir
    process.env.DESKLINE_DEV_OPEN_FILE = importFile
    app = await startApp()
    delete process.env.DESKLINE_DEV_SAVE_DIR
    delete process.env.DESKLINE_DEV_OPEN_FILE
    page = await browser.newPage()
    await page.goto(app.url)
    await page.getByRole('textbox', { name: 'Organisation name' }).fill('Lakeside Water')
    await page.getByRole('textbox', { name: 'Your name' }).fill('Joseph Mutua')
    await page.getByRole('textbox', { name: 'Your name' }).press('Enter')
    await expect(page.getByRole('heading', { name: 'Tickets' })).toBeVisible()
    // Two tickets to export; one customer's name looks like a formula.
    await page.evaluate(async () => {
      const go = (window as unknown as Go).go.app
      const subjects = await go.CatalogService.ListSubjects(false)
      for (const [name, mobile] of [['=1+2 Grace', '0712 345 678'], ['Peter Otieno', '0722 000 111']]) {
        const c = await go.ContactService.Save({ kind: 'customer', name, mobile })
        await go.TicketService.Create({ subjectIds: [subjects[0].id], contactId: c.id, mobile: c.mobile, description: 'Meter reading is wrong' })
      }
    })
  })

  test.afterAll(async () => {
    await page?.close()
    await app?.stop()
  })

  test('the queue exports to CSV with a progress dialog, a formula staying text', async () => {
    await nav('Tickets').click()
    await page.getByRole('tab', { name: /All tickets/ }).click()
    await expect(page.getByText('2 tickets')).toBeVisible()
    await page.getByRole('button', { name: 'Export' }).click()
    await page.getByRole('menuitem', { name: 'CSV file' }).click()
    await expect(page.getByText('Exported 2 tickets')).toBeVisible()
    const files = readdirSync(saveDir).filter((f) => f.endsWith('.csv'))
    expect(files).toHaveLength(1)
    const text = readFileSync(path.join(saveDir, files[0]), 'utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const lines = text.slice(1).trim().split('\r\n')
    expect(lines[0]).toBe('Ticket,Status,Priority,Subjects,Customer or lead,Kind,Mobile Number,Source,Assigned To,Created,Last updated')
    expect(lines).toHaveLength(3)
    expect(text).toContain(",'=1+2 Grace,")
    expect(text).toContain(',Peter Otieno,')
  })

  test('an import with one bad row lists the row and writes nothing; fixed, it imports', async () => {
    writeFileSync(importFile, 'Name;Mobile Number;Email\nAmina Yusuf;0733 100 200;amina@example.org\nBrian Kip;07-12;\nCarol Njeri;0733 100 300;\n')
    await nav('Customers').click()
    await page.getByRole('button', { name: 'Import' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import customers' })
    await dialog.getByRole('button', { name: 'Choose File…' }).click()
    await expect(dialog.getByRole('table', { name: 'First rows of the file' })).toContainText('Amina Yusuf')
    await expect(dialog).toContainText('separated by semicolons')
    // The columns are matched to the fields by their names.
    await expect(dialog.getByRole('combobox', { name: 'Mobile Number' })).toContainText('Mobile Number')
    await dialog.getByRole('button', { name: 'Import customers' }).click()
    await expect(dialog).toContainText('1 row needs fixing; nothing was imported.')
    const errors = dialog.getByRole('table', { name: 'Rows to fix' })
    await expect(errors.locator('tbody tr')).toHaveCount(1)
    await expect(errors.locator('tbody tr').first()).toContainText('3')
    await expect(errors).toContainText(/7 to 15 digits/)

    await dialog.getByRole('button', { name: 'Save the list of rows to fix' }).click()
    await expect(page.getByText('Saved the rows to fix')).toBeVisible()
    const saved = readdirSync(saveDir).filter((f) => f.startsWith('Import errors'))
    expect(readFileSync(path.join(saveDir, saved[0]), 'utf8')).toContain('3,mobile,')

    const listed = page.getByRole('table', { name: 'Customers' })
    await expect(listed).not.toContainText('Amina Yusuf')

    writeFileSync(importFile, 'Name;Mobile Number;Email\nAmina Yusuf;0733 100 200;amina@example.org\nBrian Kip;0712 000 999;\nCarol Njeri;0733 100 300;\n')
    await dialog.getByRole('button', { name: 'Read the file again' }).click()
    await expect(dialog.getByRole('table', { name: 'First rows of the file' })).toContainText('0712 000 999')
    await dialog.getByRole('button', { name: 'Import customers' }).click()
    await expect(dialog).toContainText('Imported: 3 added, 0 updated, 0 skipped as duplicates.')
    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect(listed).toContainText('Amina Yusuf')
    await expect(listed).toContainText('Brian Kip')
  })

  test('with receipts on, a new ticket shows its receipt, which prints to PDF on 80 mm paper', async () => {
    await nav('Admin').click()
    await page.getByRole('tab', { name: 'Printing' }).click()
    await page.getByRole('checkbox', { name: 'Show the receipt straight after creating a ticket' }).check()
    await page.getByRole('radio', { name: '80 mm receipt printer' }).check()
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByText('Print settings saved')).toBeVisible()

    await nav('Tickets').click()
    await page.getByRole('button', { name: '+ Create', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'New ticket' })
    await selectMany(page, dialog.getByRole('combobox', { name: 'Subjects' }), ['Technical Support'])
    await dialog.getByRole('combobox', { name: 'Customer/Lead' }).fill('Amina')
    await page.getByRole('option', { name: /Amina Yusuf/ }).click()
    await dialog.getByRole('textbox', { name: 'Description' }).fill('No water since Monday.')
    await dialog.getByRole('button', { name: 'Save' }).click()

    const receipt = page.getByRole('article', { name: 'Receipt' })
    await expect(receipt).toContainText('Lakeside Water')
    await expect(receipt).toContainText('Ticket #3')
    await expect(page.getByRole('button', { name: 'Print' })).toBeFocused()

    await page.emulateMedia({ media: 'print' })
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    await page.emulateMedia({ media: 'screen' })
    const file = path.join(saveDir, 'receipt.pdf')
    writeFileSync(file, pdf)
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
    // 80 mm wide is 226.77 points (Chromium rounds the page to whole pixels).
    const width = Number(/Page size:\s+([0-9.]+) x/.exec(info)?.[1])
    expect(Math.abs(width - 226.77)).toBeLessThan(1)
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    for (const want of ['Lakeside Water', 'Ticket #3', 'Amina Yusuf', 'Technical Support', 'No water since Monday.']) {
      expect(text).toContain(want)
    }
    // The screen's toolbar is not printed.
    expect(text).not.toContain('Back to the ticket')
  })
})
