import * as BackupService from '../../wailsjs/go/app/BackupService'
import * as RecoveryService from '../../wailsjs/go/app/RecoveryService'
import { invoke } from './errors'

/** Sent while a backup or restore runs. */
export const BACKUP_PROGRESS_EVENT = 'deskline:backup-progress'
/** Sent when the desk was replaced by a restored one: the window starts again on it. */
export const RESTORED_EVENT = 'deskline:restored'

export interface BackupProgress {
  stage: string
  done: number
  total: number
}

export type BackupKind = 'automatic' | 'manual' | 'before-restore'

/** A backup kept in the data folder's backups folder. */
export interface BackupEntry {
  name: string
  path: string
  kind: BackupKind
  createdAt: string
  size: number
  tickets: number
  files: number
  readable: boolean
}

export interface BackupList {
  folder: string
  backups: BackupEntry[]
  keep: number
}

export interface RecoveryState {
  needed: boolean
  kind: '' | 'damaged' | 'newer'
  message: string
  details: string
  dataDir: string
  backups: BackupEntry[]
}

export interface CheckResult {
  ok: boolean
  message: string
  details: string
}

/** Admins only. A refused backup file comes back as `invalid` saying why. */
export const backupApi = {
  list: () => invoke<BackupList>(() => BackupService.List()),
  /** Asks where to save; resolves to the path saved to, or '' if cancelled. */
  backupNow: () => invoke<string>(() => BackupService.BackupNow()),
  /** Backs up into the backups folder. */
  backupHere: () => invoke<BackupEntry>(() => BackupService.BackupHere()),
  /** Asks for a backup file; resolves to false if cancelled. */
  restoreFile: () => invoke<boolean>(() => BackupService.RestoreFile()),
  restoreBackup: (name: string) => invoke<void>(() => BackupService.RestoreBackup(name)),
}

/** For the window started on a database that could not be opened safely. */
export const recoveryApi = {
  state: () => invoke<RecoveryState>(() => RecoveryService.State()),
  fullCheck: () => invoke<CheckResult>(() => RecoveryService.FullCheck()),
  restoreLatest: () => invoke<void>(() => RecoveryService.RestoreLatest()),
  restoreBackup: (name: string) => invoke<void>(() => RecoveryService.RestoreBackup(name)),
  restoreFile: () => invoke<boolean>(() => RecoveryService.RestoreFile()),
}

export function toBackupProgress(data: unknown): BackupProgress {
  const o = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>
  return {
    stage: typeof o.stage === 'string' ? o.stage : '',
    done: typeof o.done === 'number' ? o.done : 0,
    total: typeof o.total === 'number' ? o.total : 0,
  }
}
