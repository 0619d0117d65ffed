import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, mkdirSync, mkdtempSync, existsSync, type WriteStream } from 'node:fs'
import { tmpdir } from 'node:os'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, type Page } from '@playwright/test'

/** The Go app (dev build) serving the real frontend with live bindings. */
export interface RunningApp {
  /** Where the frontend is served, e.g. http://127.0.0.1:34115/ */
  readonly url: string
  /** The app's data folder (kept across restart). */
  readonly dataDir: string
  /** The app's home folder (a temp folder, so the real one is never touched). Started with --data-dir, the app's scan inbox is "<dataDir>/Scan Inbox". */
  readonly home: string
  /** Where the app's stdout and stderr go. */
  readonly logFile: string
  /** Sends SIGTERM and waits for the process to end. */
  stop(): Promise<void>
  /** Stops and starts again on the same data folder and address. */
  restart(): Promise<void>
}

const FRONTEND = fileURLToPath(new URL('../../', import.meta.url))

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) })
    return res.ok
  } catch {
    return false
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

/** The dev build of the app. */
function devBin(): string {
  return path.resolve(FRONTEND, process.env.DESKLINE_DEV_BIN || '../build/bin/deskline-dev')
}

/**
 * Makes a new data folder filled by the app's own generator (`deskline seed`):
 * users, customers, leads and `tickets` tickets with their history.
 */
export function seededDataDir(tickets: number): string {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'deskline-e2e-seeded-'))
  execFileSync(devBin(), ['seed', '--data-dir', dataDir, '--tickets', String(tickets)], { stdio: ['ignore', 'ignore', 'pipe'] })
  return dataDir
}

/**
 * Starts `DESKLINE_DEV_BIN` (default ../build/bin/deskline-dev relative to
 * frontend/) serving `DESKLINE_ASSET_DIR` (default dist/) on a fresh data folder and waits until its dev server answers.
 * The environment is inherited: DISPLAY must point at an X server (Xvfb).
 */
/**
 * The PIN of the desks the tests start. The dev build reads it from
 * DESKLINE_E2E_PIN: the welcome form's PIN, left empty, is this one, and the
 * user last signed in is signed in again at each start (the release build has
 * no such thing). So a spec that sets a desk up and restarts it needs no
 * sign-in step; one that switches user calls signInAs.
 */
export const E2E_PIN = '2580'

/**
 * Signs `name` in from the sign-in screen (signing the current user out
 * first when someone is signed in): with their PIN, or, for a user with no
 * PIN yet, by setting `pin` as their first one.
 */
export async function signInAs(page: Page, name: string, pin = E2E_PIN): Promise<void> {
  const signOut = page.getByRole('group', { name: 'Your session' }).getByRole('button', { name: 'Sign out' })
  if (await signOut.isVisible()) await signOut.click()
  const who = page.getByRole('listbox', { name: 'Who is signing in' })
  await expect(who).toBeVisible()
  await who.getByRole('option', { name: new RegExp(`^${name}`) }).click()
  const repeat = page.getByRole('textbox', { name: 'Repeat the PIN' })
  if (await repeat.isVisible()) {
    await page.getByRole('textbox', { name: 'Choose a PIN' }).fill(pin)
    await repeat.fill(pin)
    await repeat.press('Enter')
  } else {
    const field = page.getByRole('textbox', { name: /^(PIN|Password)$/ })
    await field.fill(pin)
    await field.press('Enter')
  }
  await expect(page.getByRole('group', { name: 'Your session' })).toBeVisible()
}

export async function startApp(options: { dataDir?: string; startTimeoutMs?: number; signIn?: boolean } = {}): Promise<RunningApp> {
  const bin = devBin()
  const assetDir = path.resolve(FRONTEND, process.env.DESKLINE_ASSET_DIR || 'dist')
  if (!existsSync(bin)) throw new Error(`The dev build of the app is missing: ${bin} (build it with go build -tags dev)`)
  if (!existsSync(path.join(assetDir, 'index.html'))) throw new Error(`The frontend is not built: ${assetDir} (npm run build)`)

  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'deskline-e2e-'))
  const logFile = path.join(dataDir, '..', `${path.basename(dataDir)}.log`)
  const home = `${dataDir}-home`
  mkdirSync(home, { recursive: true })
  const port = await freePort()
  const url = `http://127.0.0.1:${port}/`
  const timeout = options.startTimeoutMs ?? 60_000

  let child: ChildProcess | null = null
  let log: WriteStream | null = null

  async function start() {
    log = createWriteStream(logFile, { flags: 'a' })
    const proc = spawn(bin, ['-assetdir', assetDir, '-devserver', `127.0.0.1:${port}`, '--data-dir', dataDir], {
      env: {
        ...process.env,
        HOME: home,
        XDG_CACHE_HOME: path.join(home, '.cache'),
        // Set up and restart desks without typing a PIN (see E2E_PIN); a spec
        // about signing in turns it off.
        DESKLINE_E2E_PIN: options.signIn === false ? '' : E2E_PIN,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child = proc
    proc.stdout?.pipe(log, { end: false })
    proc.stderr?.pipe(log, { end: false })
    const deadline = Date.now() + timeout
    while (Date.now() < deadline) {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        throw new Error(`The app exited (${proc.exitCode ?? proc.signalCode}) before it served ${url}; see ${logFile}`)
      }
      if (await answers(url)) return
      await sleep(250)
    }
    proc.kill('SIGKILL')
    throw new Error(`The app did not serve ${url} within ${timeout} ms; see ${logFile}`)
  }

  async function stop() {
    const proc = child
    child = null
    if (proc) {
      const done = exited(proc)
      proc.kill('SIGTERM')
      const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000)
      await done
      clearTimeout(timer)
    }
    const l = log
    log = null
    if (l) await new Promise<void>((r) => l.end(() => r()))
  }

  await start()
  return {
    url,
    dataDir,
    home,
    logFile,
    stop,
    async restart() {
      await stop()
      // The dev server must let go of the port before the new one binds it.
      for (let i = 0; i < 40 && (await answers(url)); i++) await sleep(250)
      await start()
    },
  }
}
