import { test, expect, type Page } from '@playwright/test'
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { promisify } from 'node:util'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { signInAs, startApp, type RunningApp } from './app'
import { selectMany, selectOne } from './ui'

// Issue "Team hub": two app processes on two data folders joined to one hub
// (the real PostgreSQL the test command starts). Asha assigns a ticket to Bob
// on the back office's desk; Bob's counter window shows it and Bob's process
// raises the native notification (captured on the session bus). Then the back
// office loses its link (a proxy is cut), both change the same ticket, the
// link comes back, and both windows show the same ticket and the conflict.

const REPO = fileURLToPath(new URL('../../../', import.meta.url))
const DEV_BIN = path.resolve(REPO, 'build/bin/deskline-dev')
const ADMIN = 'Asha Admin'
const AGENT = 'Bob Support'
// Async: the proxy below runs in this process, so a command that talks through it must not block it.
const run = promisify(execFile)

/** A TCP proxy in front of the hub whose link can be cut and healed. */
class Proxy {
  private server: net.Server
  private sockets = new Set<net.Socket>()
  private cut = false
  port = 0
  constructor(private target: number) {
    this.server = net.createServer((client) => {
      if (this.cut) return client.destroy()
      const upstream = net.connect(this.target, '127.0.0.1')
      for (const s of [client, upstream]) {
        this.sockets.add(s)
        s.on('close', () => this.sockets.delete(s))
        s.on('error', () => s.destroy())
      }
      client.pipe(upstream)
      upstream.pipe(client)
    })
  }
  listen(): Promise<void> {
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () => {
        this.port = (this.server.address() as net.AddressInfo).port
        resolve()
      }),
    )
  }
  /** Closes every live connection and refuses new ones. */
  cutLink() {
    this.cut = true
    for (const s of this.sockets) s.destroy()
  }
  heal() {
    this.cut = false
  }
  close() {
    this.cutLink()
    this.server.close()
  }
}

test.describe.serial('team hub: two desks', () => {
  const pgURL = process.env.DESKLINE_TEST_PGURL
  let office: RunningApp
  let counter: RunningApp
  let officePage: Page
  let counterPage: Page
  let proxy: Proxy
  let capture: ChildProcess
  let notified = ''
  let ticketId = ''

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000)
    if (!pgURL) {
      if (process.env.CI === 'true') throw new Error('DESKLINE_TEST_PGURL is not set: scripts/test.sh starts PostgreSQL')
      test.skip(true, 'no PostgreSQL (export DESKLINE_TEST_PGURL=$(scripts/pg.sh start /tmp/deskline-pg))')
      return
    }
    // The stand-in notification service, owning the name before the apps start.
    const captureBin = path.join(mkdtempSync(path.join(tmpdir(), 'deskline-capture-')), 'capture')
    execFileSync('go', ['build', '-o', captureBin, './internal/desktop/dbustest/capture'], { cwd: REPO })
    capture = spawn(captureBin, [], { stdio: ['ignore', 'pipe', 'pipe'] })
    capture.stdout?.on('data', (b: Buffer) => (notified += b.toString()))
    await new Promise<void>((resolve, reject) => {
      capture.stderr?.on('data', (b: Buffer) => (b.toString().includes('ready') ? resolve() : reject(new Error(b.toString()))))
      capture.once('exit', (code) => reject(new Error(`capture exited ${code}`)))
    })

    // The back office sets its desk up in the window, with Bob as a user.
    office = await startApp()
    officePage = await browser.newPage()
    await officePage.goto(office.url)
    await officePage.getByRole('textbox', { name: 'Organisation name' }).fill('Harbour Bank')
    await officePage.getByRole('textbox', { name: 'Your name' }).fill(ADMIN)
    await officePage.getByRole('button', { name: 'Create workspace' }).click()
    await expect(officePage.getByRole('heading', { name: 'Tickets' })).toBeVisible()
    await officePage.evaluate(async (agent) => {
      const go = (window as unknown as { go: { app: Record<string, Record<string, (...a: unknown[]) => Promise<any>>> } }).go.app
      await go.UserService.Save({ id: '', name: agent, role: 'support', active: true })
      await go.ContactService.Save({ id: '', kind: 'customer', name: 'Carla Mendes', mobile: '0712 000 111', email: '', leadStatus: '' })
    }, AGENT)
    await office.stop()

    // The admin makes the hub from that desk (through a proxy, so that its
    // link can be cut) and invites the counter with Bob on it.
    const pg = new URL(pgURL)
    proxy = new Proxy(Number(pg.port))
    await proxy.listen()
    const db = `e2e_team_${Date.now()}`
    const viaProxy = new URL(pgURL)
    viaProxy.port = String(proxy.port)
    viaProxy.pathname = `/${db}`
    await run(DEV_BIN, ['hub', 'init', '--url', viaProxy.toString(), '--data-dir', office.dataDir, '--name', 'Back office'])
    const invite = (await run(DEV_BIN, ['hub', 'invite', '--url', viaProxy.toString(), '--name', 'Counter 2', '--users', AGENT])).stdout
    const code = invite.match(/^\s*([A-Za-z0-9_-]{20,})\s*$/m)?.[1]
    expect(code, `a join code in: ${invite}`).toBeTruthy()
    await office.restart()
    await officePage.goto(office.url)
    await expect(officePage.getByRole('status').filter({ hasText: /Team hub/ })).toBeVisible({ timeout: 20_000 })

    // The counter joins from its welcome screen, straight to the hub.
    counter = await startApp()
    counterPage = await browser.newPage()
    await counterPage.goto(counter.url)
    await counterPage.getByRole('button', { name: "Join your team's hub instead" }).click()
    const direct = new URL(pgURL)
    direct.username = ''
    direct.pathname = `/${db}`
    await counterPage.getByRole('textbox', { name: 'Hub address' }).fill(direct.toString())
    await counterPage.getByRole('textbox', { name: 'Join code' }).fill(code!)
    await counterPage.getByRole('button', { name: 'Test connection' }).click()
    await expect(counterPage.getByText('The hub answers and the join code is good.')).toBeVisible()
    await counterPage.getByRole('button', { name: 'Join', exact: true }).click()
    // The team's users arrive; Bob, who has no PIN yet, sets his at the
    // counter's sign-in screen.
    await signInAs(counterPage, AGENT)
    await expect(counterPage.getByRole('heading', { name: 'Tickets' })).toBeVisible({ timeout: 30_000 })
  })

  test.afterAll(async () => {
    await officePage?.close()
    await counterPage?.close()
    await office?.stop()
    await counter?.stop()
    proxy?.close()
    capture?.kill()
  })

  test('an assignment made in the back office reaches Bob at the counter, with a desktop notification', async () => {
    ticketId = await officePage.evaluate(async () => {
      const go = (window as unknown as { go: { app: Record<string, Record<string, (...a: unknown[]) => Promise<any>>> } }).go.app
      const subjects = await go.CatalogService.ListSubjects(false)
      const [c] = await go.ContactService.Search('customer', 'Carla', 1)
      const d = await go.TicketService.Create({ subjectIds: [subjects[1].id], contactId: c.id, mobile: c.mobile, sourceId: '', description: 'Card swallowed by the ATM', priority: '' })
      return d.ticket.id as string
    })
    await officePage.goto(`${office.url}#/tickets/${ticketId}`)
    const ticket = officePage.getByRole('article', { name: /^Ticket (#1|P-1)$/ })
    await selectMany(officePage, ticket.getByRole('combobox', { name: 'Assigned To' }), [AGENT])
    // The hub numbers it: the provisional P-1 becomes #1 in the office's window.
    await expect(officePage.getByRole('article', { name: 'Ticket #1' })).toBeVisible({ timeout: 15_000 })

    await counterPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets' }).click()
    await counterPage.getByRole('tab', { name: /^My tickets/ }).click()
    await expect(counterPage.getByRole('table', { name: 'Tickets' }).getByRole('link', { name: 'Ticket #1', exact: true })).toBeVisible({ timeout: 15_000 })
    await expect.poll(() => notified, { timeout: 15_000 }).toContain(`${ADMIN} assigned it to you — Carla Mendes`)
    const call = JSON.parse(notified.trim().split('\n').find((l) => l.includes('assigned it to you'))!)
    expect(call.appName).toBe('Deskline')
    expect(call.summary).toContain('#1')
  })

  test('edits made while the back office is offline end in the same ticket on both, with the conflict shown', async () => {
    test.setTimeout(120_000)
    proxy.cutLink()
    await expect(officePage.getByRole('status').filter({ hasText: /Offline/ })).toBeVisible({ timeout: 30_000 })

    await officePage.goto(`${office.url}#/tickets/${ticketId}`)
    await selectOne(officePage, officePage.getByRole('combobox', { name: 'Priority' }), 'High')
    await expect(officePage.getByRole('status').filter({ hasText: /1 change waiting/ })).toBeVisible()
    await counterPage.goto(`${counter.url}#/tickets/${ticketId}`)
    await selectOne(counterPage, counterPage.getByRole('combobox', { name: 'Priority' }), 'Urgent')

    proxy.heal()
    for (const page of [officePage, counterPage]) {
      await expect(page.getByText('Changed on two machines at once')).toBeVisible({ timeout: 60_000 })
    }
    const priorityOf = (page: Page) => page.getByRole('combobox', { name: 'Priority' }).textContent()
    expect(await priorityOf(officePage)).toBe(await priorityOf(counterPage))
    await officePage.screenshot({ path: 'test-results/team-office.png' })
    await counterPage.screenshot({ path: 'test-results/team-counter.png' })
  })
})
