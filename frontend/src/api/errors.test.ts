import { describe, expect, it } from 'vitest'
import { AppError, invoke, toAppError } from './errors'

describe('toAppError', () => {
  it('keeps code, message and field of the formatted Go error', () => {
    const e = toAppError({ code: 'invalid', message: 'Choose at least one subject', field: 'subjectIds' })
    expect(e).toBeInstanceOf(AppError)
    expect(e).toBeInstanceOf(Error)
    expect(e.code).toBe('invalid')
    expect(e.message).toBe('Choose at least one subject')
    expect(e.field).toBe('subjectIds')
  })

  it('leaves field unset when Go sends none or an empty one', () => {
    expect(toAppError({ code: 'not_found', message: 'ticket not found' }).field).toBeUndefined()
    expect(toAppError({ code: 'conflict', message: 'taken', field: '' }).field).toBeUndefined()
  })

  it('turns an unknown code into internal but keeps the message', () => {
    const e = toAppError({ code: 'teapot', message: 'short and stout' })
    expect(e.code).toBe('internal')
    expect(e.message).toBe('short and stout')
  })

  it('reads a plain string rejection as an internal error with that message', () => {
    const e = toAppError('method TicketService.Nope not found')
    expect(e.code).toBe('internal')
    expect(e.message).toBe('method TicketService.Nope not found')
    expect(e.field).toBeUndefined()
  })

  it('reads a JSON string of the formatted error', () => {
    const e = toAppError('{"code":"invalid","message":"Mobile number is required","field":"mobile"}')
    expect(e.code).toBe('invalid')
    expect(e.message).toBe('Mobile number is required')
    expect(e.field).toBe('mobile')
  })

  it('does not choke on a string that only looks like JSON', () => {
    const e = toAppError('{not json')
    expect(e.code).toBe('internal')
    expect(e.message).toBe('{not json')
  })

  it('wraps a JS Error (e.g. the bridge missing) and anything else', () => {
    expect(toAppError(new TypeError("Cannot read properties of undefined (reading 'app')")).message).toMatch(/Cannot read/)
    expect(toAppError(undefined).message).toBe('internal error')
    expect(toAppError(42).code).toBe('internal')
    expect(toAppError({}).message).toBe('internal error')
  })

  it('returns an AppError unchanged', () => {
    const e = new AppError('forbidden', 'Admins only')
    expect(toAppError(e)).toBe(e)
  })
})

describe('invoke', () => {
  it('resolves with what the call resolves with', async () => {
    await expect(invoke<number>(() => Promise.resolve(7))).resolves.toBe(7)
  })

  it('rejects with one AppError whatever the call rejects with', async () => {
    await expect(invoke(() => Promise.reject({ code: 'invalid', message: 'Bad', field: 'name' }))).rejects.toMatchObject({
      name: 'AppError',
      code: 'invalid',
      message: 'Bad',
      field: 'name',
    })
    await expect(invoke(() => Promise.reject('boom'))).rejects.toBeInstanceOf(AppError)
  })

  it('catches a call that throws before returning a promise', async () => {
    const err = await invoke(() => {
      throw new TypeError('window.go is undefined')
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).message).toBe('window.go is undefined')
  })
})
