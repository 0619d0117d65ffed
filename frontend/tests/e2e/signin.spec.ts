import { test, expect, type Page } from '@playwright/test'
import { signInAs, startApp, type RunningApp } from './app'

// Sign-in on a shared workstation, through the real app with no shortcut:
// the first run sets the admin's PIN, a wrong PIN is refused, Ctrl+L locks
// the desk with nothing of any ticket left in the page, a support user finds
// no admin screen and Go refuses the call anyway, and switching user is
// signing out and in.
test.describe.serial('signing in on a shared workstation', () => {
  let app: RunningApp
  let page: Page
  const ADMIN = 'Amina Yusuf'
  const ADMIN_PIN = '4821'
  const AGENT = 'Brian Otieno'
  const AGENT_PIN = '7777'
  const SECRET = 'Passport number K1234567 left at the counter'
  let ticketId = ''

  const shot = (name: string) => page.screenshot({ path: `/tmp/signin-shots/${name}.png` }).catch(() => undefined)

  test.beforeAll(async ({ browser }) => {
    app = await startApp({ signIn: false })
    page = await browser.newPage()
    await page.goto(app.url)
  })

  test.afterAll(async () => {
    await page?.close()
    await app?.stop()
  })

  test('the first run sets the admin PIN and signs the admin in', async () => {
    await page.getByRole('textbox', { name: 'Organisation name' }).fill('Harbour Bank')
    await page.getByRole('textbox', { name: 'Your name' }).fill(ADMIN)
    await page.getByRole('textbox', { name: 'Your PIN' }).fill('12')
    await page.getByRole('button', { name: 'Create workspace' }).click()
    // Go refuses a 2-digit PIN at its field.
    await expect(page.getByRole('textbox', { name: 'Your PIN' })).toHaveAttribute('aria-describedby', /error/)
    await expect(page.getByRole('alert')).toContainText('4 to 12 digits')
    await page.getByRole('textbox', { name: 'Your PIN' }).fill(ADMIN_PIN)
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await expect(page.getByRole('heading', { name: 'Tickets' })).toBeVisible()
    await expect(page.getByRole('region', { name: 'Current user' })).toContainText(ADMIN)

    // The admin adds a support user with a PIN, and a ticket to look at.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click()
    await page.getByRole('tab', { name: 'Users' }).click()
    await page.getByRole('textbox', { name: 'Name' }).fill(AGENT)
    await page.getByRole('textbox', { name: 'PIN' }).fill(AGENT_PIN)
    await page.getByRole('button', { name: 'Add user' }).click()
    await expect(page.getByRole('table', { name: 'Users' })).toContainText(AGENT)
    ticketId = await page.evaluate(async (secret) => {
      const go = (window as unknown as { go: { app: Record<string, Record<string, (...a: unknown[]) => Promise<any>>> } }).go.app
      const subjects = await go.CatalogService.ListSubjects(false)
      const c = await go.ContactService.Save({ id: '', kind: 'customer', name: 'Carla Mendes', mobile: '0712 000 111', email: '', leadStatus: '' })
      const d = await go.TicketService.Create({ subjectIds: [subjects[0].id], contactId: c.id, mobile: c.mobile, sourceId: '', description: secret, priority: '' })
      return d.ticket.id as string
    }, SECRET)
    await page.goto(`${app.url}#/tickets/${ticketId}`)
    await expect(page.getByRole('article', { name: /^Ticket #/ })).toContainText(SECRET)
  })

  test('Ctrl+L locks: nothing of the ticket is left in the page, and Go refuses calls', async () => {
    await page.keyboard.press('Control+l')
    await expect(page.getByRole('heading', { name: 'Deskline is locked' })).toBeVisible()
    await shot('locked')
    expect(await page.content()).not.toContain('K1234567')
    await expect(page.getByRole('article')).toHaveCount(0)
    const refused = await page.evaluate(async (id) => {
      const go = (window as unknown as { go: { app: Record<string, Record<string, (...a: unknown[]) => Promise<any>>> } }).go.app
      try {
        await go.TicketService.Get(id)
        return 'answered'
      } catch (e) {
        return JSON.stringify(e)
      }
    }, ticketId)
    expect(refused).toContain('Sign in first')
  })

  test('a wrong PIN is refused; the right one unlocks where the admin was', async () => {
    await expect(page.getByRole('listbox', { name: 'Who is signing in' }).getByRole('option', { name: new RegExp(`^${ADMIN}`) })).toHaveAttribute('aria-selected', 'true')
    await page.getByRole('textbox', { name: 'PIN' }).fill('0000')
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await expect(page.getByRole('alert')).toContainText('Wrong PIN')
    await shot('wrong-pin')
    await page.getByRole('textbox', { name: 'PIN' }).fill(ADMIN_PIN)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await expect(page.getByRole('article', { name: /^Ticket #/ })).toContainText(SECRET)
  })

  test('a support user finds no admin screen, and Go refuses it anyway', async () => {
    await signInAs(page, AGENT, AGENT_PIN)
    await expect(page.getByRole('region', { name: 'Current user' })).toContainText(AGENT)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click()
    await expect(page.getByRole('tab', { name: 'Templates' })).toBeVisible()
    await expect(page.getByRole('tab', { name: 'Users' })).toHaveCount(0)
    await expect(page.getByRole('tab', { name: 'Audit' })).toHaveCount(0)
    await shot('support-admin')
    // The queue offers no bulk selection and no export to a support user.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets' }).click()
    await page.getByRole('tab', { name: /^All tickets/ }).click()
    await expect(page.getByRole('table', { name: 'Tickets' }).getByRole('link', { name: /^Ticket / })).toHaveCount(1)
    await expect(page.getByRole('checkbox', { name: /^Select / })).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Export' })).toHaveCount(0)
    const answers = await page.evaluate(async () => {
      const go = (window as unknown as { go: { app: Record<string, Record<string, (...a: unknown[]) => Promise<any>>> } }).go.app
      const tryIt = async (f: () => Promise<unknown>) => {
        try {
          await f()
          return 'answered'
        } catch (e) {
          return JSON.stringify(e)
        }
      }
      return {
        users: await tryIt(() => go.UserService.Save({ id: '', name: 'Mallory', role: 'admin', active: true })),
        audit: await tryIt(() => go.AuditService.List({}, 0, 10)),
      }
    })
    expect(answers.users).toContain('forbidden')
    expect(answers.users).toContain('A support user may not do this')
    expect(answers.audit).toContain('forbidden')
  })

  test('switching user is signing out and in; a restart asks again', async () => {
    await signInAs(page, ADMIN, ADMIN_PIN)
    await expect(page.getByRole('region', { name: 'Current user' })).toContainText(ADMIN)
    await app.restart()
    await page.goto(app.url)
    await expect(page.getByRole('heading', { name: 'Sign in to Deskline' })).toBeVisible()
    await shot('sign-in')
    await signInAs(page, ADMIN, ADMIN_PIN)
    await expect(page.getByRole('heading', { name: 'Tickets' })).toBeVisible()
  })
})
