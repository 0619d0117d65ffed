import * as SessionService from '../../wailsjs/go/app/SessionService'
import { invoke } from './errors'
import type { Role, User } from './types'

/** An action of the permission table in Go (internal/desk/perm.go). */
export type Action =
  | 'work'
  | 'see_all'
  | 'reassign'
  | 'close_others'
  | 'bulk'
  | 'delete_attachments'
  | 'export'
  | 'import'
  | 'team_dashboard'
  | 'merge_contacts'
  | 'configure_printing'
  | 'share'
  | 'set_inbox'
  | 'configure_catalog'
  | 'configure_sla'
  | 'configure_rules'
  | 'manage_users'
  | 'configure_team'
  | 'audit'
  | 'backup'

export type CredentialKind = 'pin' | 'password'

/** One user on the sign-in screen; `credential` is '' for a user with no PIN yet. */
export interface SignInChoice {
  id: string
  name: string
  role: Role
  credential: CredentialKind | ''
}

/** Who is signed in here (Go keeps it in memory), whether the desk is locked, and who may sign in. */
export interface SessionState {
  signedIn: boolean
  locked: boolean
  /** The signed-in user; while locked, the one who locked it. */
  user?: User
  users: SignInChoice[]
  lastUserId: string
  lockMinutes: number
  /** The actions the signed-in user's role may take (the UI hides the rest; Go still decides). */
  can: Action[]
}

export const sessionApi = {
  state: () => invoke<SessionState>(() => SessionService.State()),
  signIn: (userId: string, pin: string) => invoke<SessionState>(() => SessionService.SignIn(userId, pin)),
  setFirstPin: (userId: string, kind: CredentialKind, pin: string) =>
    invoke<SessionState>(() => SessionService.SetFirstPIN(userId, kind, pin)),
  signOut: () => invoke<void>(() => SessionService.SignOut()),
  lock: () => invoke<void>(() => SessionService.Lock()),
  touch: () => invoke<boolean>(() => SessionService.Touch()),
  changePin: (current: string, kind: CredentialKind, pin: string) =>
    invoke<void>(() => SessionService.ChangePIN(current, kind, pin)),
}
