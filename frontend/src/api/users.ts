import * as UserService from '../../wailsjs/go/app/UserService'
import { asArg, invoke } from './errors'
import type { User, UserInput } from './types'
import type { CredentialKind, SessionState } from './session'

export const userApi = {
  list: () => invoke<User[]>(() => UserService.List()),
  save: (input: UserInput) => invoke<User>(() => UserService.Save(asArg(input))),
  /** Sets another user's PIN or password (admins): a new user's first one, or a forgotten one reset. */
  setPin: (userId: string, kind: CredentialKind, pin: string) => invoke<void>(() => UserService.SetPIN(userId, kind, pin)),
  /** Sets the idle time after which this desk locks (0 never). */
  setLockMinutes: (minutes: number) => invoke<SessionState>(() => UserService.SetLockMinutes(minutes)),
}
