import { test, expect, type Page } from '@playwright/test'
import { mkdirSync, mkdtempSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { deflateSync } from 'node:zlib'
import { startApp, type RunningApp } from './app'

type Go = { go: { app: Record<string, Record<string, (...a: unknown[]) => Promise<any>>> } }

/** A real 32×24 PNG (a red band on white), so the app's sniffing and thumbnails see an image. */
function png(): Buffer {
  const w = 32, h = 24
  const raw = Buffer.alloc((w * 3 + 1) * h)
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3
      const red = y > 8 && y < 16
      raw[o] = 255; raw[o + 1] = red ? 40 : 255; raw[o + 2] = red ? 40 : 255
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0 })
  const crc = (b: Buffer) => { let c = 0xffffffff; for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0 }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length)
    const td = Buffer.concat([Buffer.from(type), data])
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(td))
    return Buffer.concat([len, td, c])
  }
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

// Issue "Attachments and the watched scan inbox", in the real app. The native
// file chooser cannot be clicked from the browser, so the tests take the step
// after it: the same bound call the chooser ends in, with a real file.
test.describe.serial('attachments and the scan inbox', () => {
  let app: RunningApp
  let page: Page
  let ticketId = ''
  let ticketNumber = 0
  const files = mkdtempSync(path.join(tmpdir(), 'deskline-files-'))
  const ticket = () => page.getByRole('article', { name: /^Ticket #/ })
  const section = () => ticket().getByRole('region', { name: 'Attachments' })

  test.beforeAll(async ({ browser }) => {
    app = await startApp()
    page = await browser.newPage()
    await page.goto(app.url)
    await page.getByRole('textbox', { name: 'Organisation name' }).fill('Harbour Bank')
    await page.getByRole('textbox', { name: 'Your name' }).fill('Asha Admin')
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await expect(page.getByRole('heading', { name: 'Tickets' })).toBeVisible()
    const t = await page.evaluate(async () => {
      const go = (window as unknown as Go).go.app
      const subjects = await go.CatalogService.ListSubjects(false)
      const c = await go.ContactService.Save({ id: '', kind: 'customer', name: 'Carla Mendes', mobile: '0712 000 111', email: '', leadStatus: '' })
      const d = await go.TicketService.Create({ subjectIds: [subjects[2].id], contactId: c.id, mobile: c.mobile, sourceId: '', description: 'Needs a stamped statement', priority: '' })
      return { id: d.ticket.id as string, number: d.ticket.number as number }
    })
    ticketId = t.id
    ticketNumber = t.number
    writeFileSync(path.join(files, 'id card.png'), png())
    writeFileSync(path.join(files, 'invoice.pdf'), Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(200)]))
    await page.goto(`${app.url}#/tickets/${ticketId}`)
    await expect(ticket().getByRole('heading', { name: `#${ticketNumber}` })).toBeVisible()
  })

  test.afterAll(async () => {
    await page?.close()
    await app?.stop()
  })

  test('an attached file shows in the section and the feed; a program is refused with the reason', async () => {
    await expect(section()).toContainText('No attachments yet')
    await expect(section().getByRole('button', { name: 'Attach File' })).toBeVisible()
    const res = await page.evaluate(
      async ([id, dir]) => (window as unknown as Go).go.app.AttachmentService.AttachPaths(id, [`${dir}/id card.png`, `${dir}/invoice.pdf`]),
      [ticketId, files],
    )
    expect(res.attached).toHaveLength(1)
    expect(res.refused[0].name).toBe('invoice.pdf')
    expect(res.refused[0].message).toMatch(/program/i)

    const list = section().getByRole('list', { name: 'Attachments' })
    await expect(list).toContainText('id card.png')
    await expect(list).toContainText('Asha Admin')
    await expect(page.getByRole('list', { name: 'Activity' })).toContainText('attached id card.png')
  })

  test('an image previews inside the ticket', async () => {
    await section().getByRole('button', { name: 'Preview id card.png' }).click()
    const dialog = page.getByRole('dialog', { name: 'id card.png' })
    const img = dialog.getByRole('img', { name: 'id card.png' })
    await expect(img).toBeVisible()
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(32)
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
  })

  test('removing it leaves a line in the feed', async () => {
    await section().getByRole('button', { name: 'Remove id card.png' }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click()
    await expect(section()).toContainText('No attachments yet')
    await expect(page.getByRole('list', { name: 'Activity' })).toContainText('removed the attachment id card.png')
  })

  test('a file dropped into the inbox folder attaches to the ticket its name starts with', async () => {
    const inbox = path.join(app.dataDir, 'Scan Inbox')
    mkdirSync(inbox, { recursive: true })
    const name = `${ticketNumber} signed form.png`
    writeFileSync(path.join(inbox, name), png())

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Inbox/ }).click()
    const row = page.getByRole('list', { name: 'Files waiting' }).getByRole('listitem').filter({ hasText: name })
    await expect(row).toBeVisible({ timeout: 15_000 })
    await expect(row).toContainText(`Suggested: #${ticketNumber}`)
    await row.getByRole('button', { name: `Attach ${name}` }).click()
    await expect(row).toBeHidden()
    expect(existsSync(path.join(inbox, name))).toBe(false)

    await page.goto(`${app.url}#/tickets/${ticketId}`)
    await expect(section().getByRole('list', { name: 'Attachments' })).toContainText(name)
  })

  test('the watched folder is changed in the Inbox view; a relative path is refused at the field', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Inbox/ }).click()
    const folder = page.getByRole('textbox', { name: 'Watched folder' })
    await expect(folder).toHaveValue(path.join(app.dataDir, 'Scan Inbox'))
    await folder.fill('scans')
    await page.getByRole('button', { name: 'Watch this folder' }).click()
    await expect(folder).toHaveAccessibleDescription(/full path/)

    const scans = path.join(app.home, 'Scans')
    mkdirSync(scans, { recursive: true })
    await folder.fill(scans)
    await page.getByRole('button', { name: 'Watch this folder' }).click()
    await expect(folder).toHaveAccessibleDescription('')
    await expect(page.getByText('The inbox is empty')).toBeVisible()
    await expect(page.getByText(`Save or scan a file into ${scans}`)).toBeVisible()
    writeFileSync(path.join(scans, 'statement.png'), png())
    const row = page.getByRole('list', { name: 'Files waiting' }).getByRole('listitem').filter({ hasText: 'statement.png' })
    await expect(row).toBeVisible({ timeout: 15_000 })
    await expect(row.getByRole('spinbutton', { name: 'Ticket #' })).toHaveValue('')
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Inbox/ })).toHaveAccessibleName('Inbox 1 waiting')
  })

  test('an admin checks the stored files and narrows what may be attached', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click()
    await page.getByRole('tab', { name: 'Attachments' }).click()
    await page.getByRole('button', { name: 'Check attachments' }).click()
    await expect(page.getByText('All stored files are intact.')).toBeVisible()

    await page.getByRole('checkbox', { name: /^Images/ }).click()
    await page.getByRole('button', { name: 'Save rules' }).click()
    await expect(page.getByText('Attachment rules saved')).toBeVisible()
    const res = await page.evaluate(
      async ([id, dir]) => (window as unknown as Go).go.app.AttachmentService.AttachPaths(id, [`${dir}/id card.png`]),
      [ticketId, files],
    )
    expect(res.attached).toHaveLength(0)
    expect(res.refused[0].message).toMatch(/allowed/i)
  })
})
