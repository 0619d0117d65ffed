import { test, expect, type Page } from '@playwright/test'
import { signInAs, startApp, type RunningApp } from './app'
import { dataRows } from './ui'

// Issue "Insight", Dashboards: a manager opens the Team and Mine dashboards,
// clicks a chart's slice through to the tickets it counts, and an agent sees
// only Mine. Screenshots of both themes go to DESKLINE_SHOTS (if set).

test.describe.serial('dashboards', () => {
  let app: RunningApp
  let page: Page

  const ADMIN = 'Asha Admin'
  const AGENT = 'Bilal Agent'
  const queueTable = () => page.getByRole('table', { name: 'Tickets' })
  const shots = process.env.DESKLINE_SHOTS

  /** Saves the whole dashboard (a window tall enough to show every panel) in a theme. */
  async function shoot(name: string, scheme: 'light' | 'dark', height = 3000) {
    if (!shots) return
    await page.emulateMedia({ colorScheme: scheme })
    await page.setViewportSize({ width: 1400, height })
    await expect(page.locator('canvas').first()).toBeVisible()
    await page.waitForTimeout(500) // let ECharts draw on its next frame after the resize
    await page.screenshot({ path: `${shots}/${name}-${scheme}.png` })
    await page.setViewportSize({ width: 1400, height: 1000 })
    await page.emulateMedia({ colorScheme: 'light' })
  }

  test.beforeAll(async ({ browser }) => {
    app = await startApp()
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
    await page.goto(app.url)
    await page.getByRole('textbox', { name: 'Organisation name' }).fill('Harbour Bank')
    await page.getByRole('textbox', { name: 'Your name' }).fill(ADMIN)
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await expect(page.getByRole('heading', { name: 'Tickets', exact: true })).toBeVisible()
    // Four walk-in tickets: two on the first subject (one Bilal's, one
    // waiting), one on two subjects, one resolved.
    await page.evaluate(async (agent) => {
      const go = (window as unknown as { go: { app: Record<string, Record<string, (...a: unknown[]) => Promise<any>>> } }).go.app
      const bilal = await go.UserService.Save({ id: '', name: agent, role: 'support', active: true })
      const subjects = await go.CatalogService.ListSubjects(false)
      const sources = await go.CatalogService.ListSources(false)
      const walkIn = sources.find((s: { name: string }) => s.name === 'Walk-in').id
      const c = await go.ContactService.Save({ id: '', kind: 'customer', name: 'Grace Wanjiru', mobile: '0712 345 678', email: '', leadStatus: '' })
      const make = (ids: string[], description: string) =>
        go.TicketService.Create({ subjectIds: ids, contactId: c.id, mobile: c.mobile, sourceId: walkIn, description, priority: '' })
      const a = await make([subjects[0].id], 'Card swallowed by the ATM')
      await go.TicketService.AddAssignees(a.ticket.id, [bilal.id])
      const w = await make([subjects[0].id], 'Waiting on a copy of the ID')
      await go.TicketService.ChangeStatus(w.ticket.id, { status: 'waiting', note: '', resolution: '', customerConfirmed: false })
      await make([subjects[1].id, subjects[2].id], 'Statement and a new card')
      const r = await make([subjects[3].id], 'Balance question')
      await go.TicketService.ChangeStatus(r.ticket.id, { status: 'resolved', note: '', resolution: 'Told the balance', customerConfirmed: false })
      return bilal.id as string
    }, AGENT)
  })

  test.afterAll(async () => {
    await page?.close()
    await app?.stop()
  })

  test('the Team dashboard charts the desk', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click()
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible()
    await expect(page.getByRole('tab', { name: 'Team' })).toHaveAttribute('aria-selected', 'true')
    await expect(page.getByRole('group', { name: 'Created: 4' })).toBeVisible()
    await expect(page.getByRole('group', { name: 'Resolved: 1' })).toBeVisible()
    for (const title of ['Created and resolved per day', 'Open tickets by status', 'Open tickets by subject', 'Open tickets by source', 'Age of open tickets', 'Busiest hours of the day', 'SLA times per person']) {
      await expect(page.getByRole('region', { name: title })).toBeVisible()
    }
    // Each chart is drawn by ECharts onto a canvas.
    await expect(page.getByRole('region', { name: 'Open tickets by source' }).locator('canvas')).toHaveCount(1)
    await shoot('team', 'light')
    await shoot('team', 'dark')
  })

  test('a slice of the source chart opens the open tickets it counts', async () => {
    // The only source is Walk-in: its slice is the whole ring.
    const canvas = page.getByRole('region', { name: 'Open tickets by source' }).locator('canvas')
    await canvas.scrollIntoViewIfNeeded()
    const box = (await canvas.boundingBox())!
    const radius = Math.min(box.width, box.height) / 2
    await page.mouse.click(box.x + box.width / 2 + radius * 0.55, box.y + box.height * 0.45)
    await expect(page.getByRole('heading', { name: 'Tickets', exact: true })).toBeVisible()
    // Open, In Progress and Waiting for Customer: three of the four (the resolved one is not open).
    await expect(dataRows(queueTable())).toHaveCount(3)
    await expect(queueTable()).not.toContainText('Balance question')
  })

  test('a filter narrows every panel', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click()
    await page.getByRole('combobox', { name: 'Assigned To' }).click()
    await page.getByRole('option', { name: AGENT }).click()
    await expect(page.getByRole('group', { name: 'Created: 1' })).toBeVisible()
    await expect(page.getByRole('group', { name: 'Resolved: 0' })).toBeVisible()
  })

  test('Mine counts my own work and opens my queue', async () => {
    await page.getByRole('tab', { name: 'Mine' }).click()
    // Asha stays assigned to every ticket she created: three of them are open.
    const mine = page.getByRole('button', { name: 'My open tickets: 3' })
    await expect(mine).toBeVisible()
    await expect(page.getByRole('region', { name: 'My open tickets by status' })).toBeVisible()
    await expect(page.getByRole('list', { name: 'Changed tickets' }).getByRole('listitem')).not.toHaveCount(0)
    await shoot('mine', 'light', 900)
    await page.getByRole('button', { name: 'Mark as seen' }).click()
    await expect(page.getByText('None of your tickets changed since you last looked.')).toBeVisible()
    const n = Number((await mine.getAttribute('aria-label'))!.split(': ')[1])
    await mine.click()
    await expect(page.getByRole('heading', { name: 'Tickets', exact: true })).toBeVisible()
    await expect(dataRows(queueTable())).toHaveCount(n)
  })

  test('an agent sees Mine only, and Go refuses the Team dashboard', async () => {
    await signInAs(page, AGENT)
    const refused = await page.evaluate(async () => {
      const go = (window as unknown as { go: { app: Record<string, Record<string, (...a: unknown[]) => Promise<any>>> } }).go.app
      try {
        await go.DashboardService.TeamInsight({ from: '', to: '', subjectId: '', sourceId: '', assigneeId: '' })
        return ''
      } catch (e) {
        return String((e as { message?: string }).message ?? e)
      }
    })
    expect(refused).toContain('A support user may not do this')
    await page.goto(`${app.url}#/dashboard`)
    await page.reload()
    await expect(page.getByRole('tab', { name: 'Mine' })).toHaveAttribute('aria-selected', 'true')
    await expect(page.getByRole('tab', { name: 'Team' })).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'My open tickets: 1' })).toBeVisible()
    await shoot('mine', 'dark', 900)
  })
})
