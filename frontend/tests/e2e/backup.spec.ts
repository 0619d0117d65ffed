import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { test, expect, type Page } from '@playwright/test'
import { signInAs, startApp, type RunningApp } from './app'
import { dataRows } from './ui'

// Backups, restore, the recovery screen and the audit trail, against the
// real app: back up, change something, restore, and see the earlier state.
test.describe.serial('backups and the audit trail', () => {
  let app: RunningApp
  let page: Page

  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name })
  const users = () => page.getByRole('table', { name: 'Users' })
  const backups = () => page.getByRole('table', { name: 'Backups' })

  async function adminTab(name: string) {
    await nav('Admin').click()
    await page.getByRole('tab', { name }).click()
  }

  async function addUser(name: string) {
    await adminTab('Users')
    await page.getByRole('textbox', { name: 'Name' }).fill(name)
    await page.getByRole('button', { name: 'Add user' }).click()
    await expect(users()).toContainText(name)
  }

  test.beforeAll(async ({ browser }) => {
    app = await startApp()
    page = await browser.newPage()
    await page.goto(app.url)
    await page.getByRole('textbox', { name: 'Organisation name' }).fill('Lakeside Water')
    await page.getByRole('textbox', { name: 'Your name' }).fill('Joseph Mutua')
    await page.getByRole('textbox', { name: 'Your name' }).press('Enter')
    await expect(page.getByRole('heading', { name: 'Tickets' })).toBeVisible()
  })

  test.afterAll(async () => {
    await page?.close()
    await app?.stop()
  })

  test('back up, change something, restore, and see the earlier state', async () => {
    await addUser('Bilal Support')

    await adminTab('Backups')
    await expect(page.getByText('No backups yet')).toBeVisible()
    await page.getByRole('button', { name: 'Back up into the backups folder' }).click()
    await expect(dataRows(backups())).toHaveCount(1)
    await expect(backups()).toContainText('Made by hand')

    await addUser('Late Comer')

    await adminTab('Backups')
    await dataRows(backups()).first().getByRole('button', { name: /^Restore the backup of/ }).click()
    const confirm = page.getByRole('alertdialog', { name: 'Restore this backup?' })
    await expect(confirm).toContainText('backed up into the backups folder first')
    await confirm.getByRole('button', { name: 'Restore' }).click()

    // The window starts again on the restored desk.
    await expect(page.getByRole('heading', { name: 'Tickets' })).toBeVisible()
    await addUserCheck()
  })

  async function addUserCheck() {
    await adminTab('Users')
    await expect(users()).toContainText('Bilal Support')
    await expect(users()).not.toContainText('Late Comer')
    await adminTab('Backups')
    await expect(dataRows(backups())).toHaveCount(2)
    await expect(backups()).toContainText('Before a restore')
  }

  test('the audit trail lists the changes and is intact', async () => {
    await adminTab('Audit')
    const trail = page.getByRole('table', { name: 'Audit trail' })
    await expect(trail).toContainText('User Bilal Support saved (Support user)')
    await expect(trail).toContainText('Joseph Mutua')
    await page.getByRole('textbox', { name: 'Ticket' }).fill('#99')
    await expect(page.getByText('No change matches these filters')).toBeVisible()
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await expect(trail).toContainText('Bilal Support')
    await page.getByRole('button', { name: 'Verify audit trail' }).click()
    await expect(page.getByRole('status', { name: 'Audit trail check' })).toContainText('The audit trail is intact')
  })

  test('a damaged database opens the recovery screen, which restores the latest backup', async () => {
    await app.stop()
    writeFileSync(path.join(app.dataDir, 'deskline.db'), 'these are not the tickets you are looking for\n'.repeat(100))
    await app.restart()
    await page.goto(app.url)
    await expect(page.getByRole('heading', { name: /cannot open this desk/ })).toBeVisible()
    await expect(page.getByText('not a Deskline database')).toBeVisible()

    await page.getByRole('button', { name: 'Run a full check' }).click()
    await expect(page.getByRole('region', { name: 'Full check' }).getByRole('status')).toContainText('not a Deskline database')

    await page.getByRole('button', { name: 'Restore the latest backup' }).click()
    await page.getByRole('alertdialog', { name: 'Restore this backup?' }).getByRole('button', { name: 'Restore' }).click()
    // The restored desk starts on the sign-in screen: nobody was signed in
    // while it could not be opened.
    await signInAs(page, 'Joseph Mutua')
    await expect(page.getByRole('heading', { name: 'Tickets' })).toBeVisible()
    // The latest backup is the one made just before the restore: Late Comer is back.
    await adminTab('Users')
    await expect(users()).toContainText('Late Comer')
  })
})
