import { test, expect } from '@playwright/test'
import { startApp, type RunningApp } from './app'

// Issue "Snappy everywhere": the web fonts ship inside the app. The window
// draws with Inter (from the app's own asset server, not the system's
// fallback fonts) and the icon font, both loaded by the time the first screen
// shows (src/fonts.ts holds the first mount until they are).
test.describe('fonts', () => {
  let app: RunningApp

  test.beforeAll(async () => {
    app = await startApp()
  })
  test.afterAll(async () => {
    await app?.stop()
  })

  test('the first screen is drawn in Inter and the icon font, served by the app', async ({ page }) => {
    const fontRequests: string[] = []
    page.on('request', (r) => {
      if (r.resourceType() === 'font') fontRequests.push(r.url())
    })
    await page.goto(app.url)
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible()

    const state = await page.evaluate(() => ({
      family: getComputedStyle(document.body).fontFamily,
      loaded: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, '')),
    }))
    expect(state.family).toMatch(/^"?Inter Variable"?,/)
    expect(state.loaded).toContain('Inter Variable')
    expect(state.loaded).toContain('primeicons')
    expect(fontRequests.some((u) => /inter-latin-wght-normal.*\.woff2$/.test(u))).toBe(true)
    for (const u of fontRequests) expect(u.startsWith(app.url)).toBe(true)
  })
})
