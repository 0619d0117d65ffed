import type { ErrorCode } from './types'

const CODES: readonly ErrorCode[] = ['invalid', 'not_found', 'conflict', 'forbidden', 'unavailable', 'internal']

/**
 * The one error type the UI sees. Every rejected call to Go becomes an
 * AppError; `field` names the input the message concerns (the JSON name of
 * the field in docs/api.md, e.g. `subjectIds`).
 */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly field?: string
  /** Every field problem of a form refused as a whole (the first is also field/message). */
  readonly problems: FieldProblem[]

  constructor(code: ErrorCode, message: string, field?: string, problems: FieldProblem[] = []) {
    super(message)
    this.name = 'AppError'
    this.code = code
    if (field) this.field = field
    this.problems = problems
  }
}

/** One field's problem in a form refused as a whole. */
export interface FieldProblem {
  field: string
  message: string
}

function toProblems(v: unknown): FieldProblem[] {
  if (!Array.isArray(v)) return []
  return v.flatMap((p: unknown) => {
    if (!p || typeof p !== 'object') return []
    const { field, message } = p as Record<string, unknown>
    return typeof field === 'string' && typeof message === 'string' ? [{ field, message }] : []
  })
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError
}

function isCode(v: unknown): v is ErrorCode {
  return typeof v === 'string' && (CODES as readonly string[]).includes(v)
}

function fromObject(o: Record<string, unknown>): AppError | null {
  const message = typeof o.message === 'string' ? o.message : ''
  if (!('code' in o) && !message) return null
  const code = isCode(o.code) ? o.code : 'internal'
  const field = typeof o.field === 'string' && o.field !== '' ? o.field : undefined
  return new AppError(code, message || 'internal error', field, toProblems(o.problems))
}

/**
 * Normalises whatever a bound call rejected with: the formatted
 * `{ code, message, field? }` object, a plain string (what Wails sends for
 * errors it produces itself), a JSON string of the object, or a JS Error.
 */
export function toAppError(reason: unknown): AppError {
  if (reason instanceof AppError) return reason
  if (typeof reason === 'string') {
    const text = reason.trim()
    if (text.startsWith('{')) {
      try {
        const parsed: unknown = JSON.parse(text)
        if (parsed && typeof parsed === 'object') {
          const e = fromObject(parsed as Record<string, unknown>)
          if (e) return e
        }
      } catch {
        // not JSON: fall through to the plain message
      }
    }
    return new AppError('internal', text || 'internal error')
  }
  if (reason instanceof Error) {
    return new AppError('internal', reason.message || 'internal error')
  }
  if (reason && typeof reason === 'object') {
    const e = fromObject(reason as Record<string, unknown>)
    if (e) return e
  }
  return new AppError('internal', 'internal error')
}

/** Go's refusal of every call but signing in while nobody is signed in or the desk is locked. */
export const SIGN_IN_FIRST = 'Sign in first'

/** Fired on window when Go refused a call with SIGN_IN_FIRST: the window goes back to the sign-in screen. */
export const SIGNED_OUT_EVENT = 'deskline:signed-out'

export function isSignedOut(e: unknown): boolean {
  return isAppError(e) && e.code === 'forbidden' && e.message === SIGN_IN_FIRST
}

/** Runs one bound call and turns its rejection into an AppError. */
export async function invoke<T>(call: () => Promise<unknown>): Promise<T> {
  try {
    return (await call()) as T
  } catch (reason) {
    const err = toAppError(reason)
    if (isSignedOut(err) && typeof window !== 'undefined') window.dispatchEvent(new Event(SIGNED_OUT_EVENT))
    throw err
  }
}

/**
 * The generated bindings type their parameters as model classes (with a
 * `convertValues` helper the bridge never needs); our plain objects carry
 * the same JSON. This narrows the cast to the one place it is made.
 */
export function asArg<T>(value: object): T {
  return value as unknown as T
}
