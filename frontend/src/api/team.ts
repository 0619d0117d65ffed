import * as TeamService from '../../wailsjs/go/app/TeamService'
import type { desk } from '../../wailsjs/go/models'
import { invoke } from './errors'

/** How this desk's sync with its team hub stands (from the Go DTO). */
export type TeamStatus = desk.TeamStatus
/** A change refused by the hub, or by this desk when it was pulled. */
export type SyncRejection = desk.SyncRejection

/** The event Go emits, with a TeamStatus, whenever the sync's state changes. */
export const TEAM_EVENT = 'deskline:team'

export const teamApi = {
  status: () => invoke<TeamStatus>(() => TeamService.Status()),
  rejections: () => invoke<SyncRejection[]>(() => TeamService.Rejections()),
  /** Checks the hub answers (and that a join code is good); resolves with what it found. */
  test: (url: string, code: string) => invoke<string>(() => TeamService.Test(url, code)),
  join: (url: string, code: string) => invoke<TeamStatus>(() => TeamService.Join(url, code)),
  leave: () => invoke<TeamStatus>(() => TeamService.Leave()),
  syncNow: () => invoke<void>(() => TeamService.SyncNow()),
}
