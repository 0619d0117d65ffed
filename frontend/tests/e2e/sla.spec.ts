import { test, expect, type Locator, type Page } from '@playwright/test'
import { startApp, type RunningApp } from './app'
import { dataRows, selectMany, selectOne } from './ui'

// Issue "SLA clock": an admin sets a short policy in calendar time; a new
// ticket shows its clocks in the queue and on the ticket; a reply by phone
// meets the first response; Waiting for Customer pauses the resolution clock
// and In Progress resumes it where it stopped. And a time zone that does not
// exist is refused at the zone field.
//
// Order: the reply comes before Waiting for Customer because moving to
// Waiting for Customer meets the first-response clock by itself (issue 3);
// replying first is what shows that the Call channel meets it.
test.describe.serial('SLA from policy to reply', () => {
  let app: RunningApp
  let page: Page
  let ticketNumber = ''
  let resolutionLeft = 0

  const CUSTOMER = 'Carla Mendes'
  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name })
  const queueTable = () => page.getByRole('table', { name: 'Tickets' })
  const ticket = () => page.getByRole('article', { name: /^Ticket #/ })
  const activity = () => page.getByRole('list', { name: 'Activity' })
  const slaPanel = () => ticket().getByRole('region', { name: 'SLA', exact: true })
  const clock = (name: string) => slaPanel().getByRole('listitem', { name })
  const defaultPolicy = () => page.getByRole('region', { name: 'Default policy' })
  const queueRow = () => dataRows(queueTable()).filter({ hasText: ticketNumber })

  /** "1 h 59 min" → 119 */
  function minutesOf(text: string): number {
    const h = /(\d+) h/.exec(text)
    const m = /(\d+) min/.exec(text)
    return (h ? Number(h[1]) * 60 : 0) + (m ? Number(m[1]) : 0)
  }

  async function setMinutes(input: Locator, minutes: number) {
    await input.click()
    await input.press('Control+a')
    await input.pressSequentially(String(minutes))
    await input.press('Tab')
    await expect(input).toHaveValue(`${minutes} min`)
  }

  // Waiting for Customer and In Progress need nothing: the move is made at once, with Undo.
  async function changeStatus(to: string) {
    await selectOne(page, ticket().getByRole('combobox', { name: 'Status', exact: true }), to)
    await expect(ticket().getByRole('status').filter({ hasText: `Status changed to ${to}.` })).toBeVisible()
    await expect(page.getByRole('dialog', { name: 'Change status' })).toHaveCount(0)
    await expect(ticket().locator('header')).toContainText(to)
  }

  async function openSlaSettings() {
    await nav('Admin').click()
    await page.getByRole('tab', { name: 'SLA policies' }).click()
    await expect(defaultPolicy()).toBeVisible()
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

  test('first run', async () => {
    await page.getByRole('textbox', { name: 'Organisation name' }).fill('Harbour Bank')
    await page.getByRole('textbox', { name: 'Your name' }).fill('Asha Admin')
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await expect(page.getByRole('heading', { name: 'Tickets' })).toBeVisible()
    // The customer comes through the bound service: the customer form has its own spec.
    await page.evaluate(async (name) => {
      const go = (window as unknown as { go: { app: Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>> } }).go.app
      await go.ContactService!.Save!({ id: '', kind: 'customer', name, mobile: '0712 000 111', email: '', leadStatus: '' })
    }, CUSTOMER)
  })

  test('the admin puts the default policy on calendar time with short targets', async () => {
    await openSlaSettings()
    await expect(page.getByText('Changes apply to tickets opened from now on.')).toBeVisible()
    await expect(defaultPolicy().getByRole('textbox', { name: 'Policy name' })).toHaveValue('Default')

    await defaultPolicy().getByRole('button', { name: 'Calendar time' }).click()
    await expect(defaultPolicy().getByRole('combobox', { name: 'Business calendar' })).toHaveCount(0)
    await setMinutes(defaultPolicy().getByRole('spinbutton', { name: 'Medium first response (minutes)' }), 60)
    await setMinutes(defaultPolicy().getByRole('spinbutton', { name: 'Medium resolution (minutes)' }), 120)
    const targets = defaultPolicy().getByRole('table', { name: 'Targets of the default policy' })
    await expect(targets.getByRole('row', { name: /^Medium/ })).toContainText('1 h')
    await expect(targets.getByRole('row', { name: /^Medium/ })).toContainText('2 h')

    await page.getByRole('button', { name: 'Save SLA policies' }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'SLA policies saved' })).toBeVisible() // the toast, not the Audit tab's line
    await expect(page.getByText('All changes saved')).toBeVisible()

    // It is stored: a fresh read shows it.
    await page.reload()
    await openSlaSettings()
    await expect(defaultPolicy().getByRole('button', { name: 'Calendar time' })).toHaveAttribute('aria-pressed', 'true')
    await expect(defaultPolicy().getByRole('spinbutton', { name: 'Medium resolution (minutes)' })).toHaveValue('120 min')
  })

  test('a time zone that does not exist is refused at the zone field', async () => {
    const calendar = page.getByRole('region', { name: 'Business calendar 1' })
    const zone = calendar.getByRole('combobox', { name: 'Time zone' })
    const before = await zone.inputValue()
    await zone.fill('Mars/Olympus_Mons')
    await page.getByRole('button', { name: 'Save SLA policies' }).click()

    await expect(zone).toHaveAttribute('aria-invalid', 'true')
    await expect(zone).toBeFocused()
    const message = calendar.getByRole('alert')
    await expect(message).toContainText('unknown time zone "Mars/Olympus_Mons"')
    await expect(zone).toHaveAccessibleDescription(/unknown time zone/)
    await expect(page.getByText(/time zone: unknown time zone/)).toBeVisible() // the toast says where

    // Correcting the field clears the message; nothing was saved.
    await zone.fill(before)
    await expect(message).toHaveCount(0)
    await expect(page.getByText('All changes saved')).toBeVisible()
  })

  test('a new ticket shows a running first-response badge with time left', async () => {
    await nav('Tickets').click()
    await page.getByRole('button', { name: '+ Create', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'New ticket' })
    await selectMany(page, dialog.getByRole('combobox', { name: 'Subjects' }), ['Complaint'])
    await dialog.getByRole('combobox', { name: 'Customer/Lead' }).fill('Carla')
    await page.getByRole('option', { name: CUSTOMER }).click()
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog).toBeHidden()
    const heading = ticket().getByRole('heading', { level: 2 })
    await expect(heading).toHaveText(/^#\d+$/)
    ticketNumber = (await heading.textContent())!.trim()

    // Beside the open ticket the queue shows the time only…
    await expect(queueRow().getByRole('img', { name: /^SLA First response: (1 h|59 min) left, due \S+ \d\d:\d\d$/ })).toBeVisible()
    // …and the full queue says which clock.
    await ticket().getByRole('button', { name: 'Close ticket' }).click()
    await expect(queueRow()).toContainText(/First response · (1 h|59 min) left/)
    await expect(queueRow().locator('[data-state="running"]')).toBeVisible()
  })

  test('the ticket shows its SLA panel', async () => {
    await queueTable().getByRole('link', { name: `Ticket ${ticketNumber}`, exact: true }).click()
    await expect(slaPanel()).toContainText('Policy: Default')
    await expect(slaPanel()).toContainText('calendar time')
    await expect(clock('First response')).toContainText('Running')
    await expect(clock('First response')).toContainText(/Target\s*1 h/)
    await expect(clock('Resolution')).toContainText('Running')
    await expect(clock('Resolution')).toContainText(/Target\s*2 h/)
    await expect(clock('Resolution')).toContainText(/Left\s*(2 h|1 h 59 min)/)
    await expect(clock('Resolution')).toContainText(/Paused\s*0 min/)
    await expect(clock('Resolution')).toContainText(/Due\s*\S/)
  })

  test('a reply by phone meets the first response; an internal note does not', async () => {
    const channel = ticket().getByRole('combobox', { name: 'Channel' })
    await expect(channel).toContainText('Internal note')
    await ticket().getByRole('textbox', { name: 'Note' }).fill('Asked the branch for the CCTV.')
    await ticket().getByRole('button', { name: 'Add Note' }).click()
    await expect(activity()).toContainText('Asked the branch for the CCTV.')
    await expect(activity().locator('[data-kind="sla"]')).toHaveCount(0)
    await expect(clock('First response')).toContainText('Running')

    await selectOne(page, channel, 'Call')
    await ticket().getByRole('textbox', { name: 'Note' }).fill('Called Carla: the card is blocked, a new one is on its way.')
    await ticket().getByRole('button', { name: 'Add Note' }).click()

    const met = activity().locator('[data-kind="sla"]')
    await expect(met).toHaveCount(1)
    await expect(met).toContainText('First response met')
    await expect(met).toContainText(/after \d+ min \(target 1 h\)/)
    await expect(channel).toContainText('Internal note') // back to the default for the next note
    await expect(clock('First response')).toContainText('Met')
    await expect(clock('Resolution')).toContainText('Running')

    // The queue now counts down the resolution.
    await ticket().getByRole('button', { name: 'Close ticket' }).click()
    await expect(queueRow()).toContainText(/Resolution · (2 h|1 h 59 min|1 h 58 min) left/)
    resolutionLeft = minutesOf((await queueRow().locator('[data-state]').first().textContent()) ?? '')
    expect(resolutionLeft).toBeGreaterThanOrEqual(118)
  })

  test('Waiting for Customer pauses the resolution clock', async () => {
    await queueTable().getByRole('link', { name: `Ticket ${ticketNumber}`, exact: true }).click()
    await changeStatus('Waiting for Customer')
    await expect(clock('Resolution')).toContainText('Paused')
    // Paused, it has no due time, but tells the one it would have if it ran again now.
    await expect(clock('Resolution')).toContainText(/Due\s*\S+ \d\d:\d\d if it runs again now/)
    await ticket().getByRole('button', { name: 'Close ticket' }).click()
    await expect(queueRow()).toContainText('Resolution · paused')
    await expect(queueRow().locator('[data-state="paused"]')).toBeVisible()
  })

  test('In Progress resumes it with the same time left', async () => {
    await queueTable().getByRole('link', { name: `Ticket ${ticketNumber}`, exact: true }).click()
    await changeStatus('In Progress')
    await expect(clock('Resolution')).toContainText('Running')
    await ticket().getByRole('button', { name: 'Close ticket' }).click()
    const badge = queueRow().locator('[data-state="running"]')
    await expect(badge).toContainText('Resolution ·')
    const left = minutesOf((await badge.textContent()) ?? '')
    expect(Math.abs(left - resolutionLeft)).toBeLessThanOrEqual(1)
  })
})
