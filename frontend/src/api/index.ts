export * from './types'
export { AppError, isAppError, isSignedOut, toAppError, SIGN_IN_FIRST, SIGNED_OUT_EVENT, type FieldProblem } from './errors'
export { setupApi } from './setup'
export { aboutApi, type About } from './about'
export { userApi } from './users'
export { sessionApi, type Action, type CredentialKind, type SessionState, type SignInChoice } from './session'
export { catalogApi } from './catalog'
export { contactApi } from './contacts'
export { ticketApi, BULK_PROGRESS_EVENT } from './tickets'
export { notificationApi } from './notifications'
export { attachmentApi, type AttachmentLimits, type AttachmentProblem } from './attachments'
export { inboxApi } from './inbox'
export { slaApi } from './sla'
export {
  dashboardApi,
  type Dashboard,
  type StatusCount,
  type Workload,
  type InsightFilter,
  type InsightPanel,
  type Slice,
  type DayCount,
  type TimeStats,
  type SLARow,
  type TeamInsight,
  type MyInsight,
  type ChangedTicket,
} from './dashboard'
export { searchApi, viewApi, MARK_START, MARK_END, type SearchHit, type SavedView, type ViewInput, type ViewFilter } from './search'
export { CHANGED_EVENT, onBackendEvent, toChangedEvent } from './events'
export {
  templateApi,
  taskApi,
  sopApi,
  type Template,
  type TemplateInput,
  type TemplateWarning,
  type TemplateSaved,
  type RenderedTemplate,
  type Task,
  type TaskInput,
  type TaskTab,
  type TaskCounts,
  type StatusChange,
  type SOPRules,
  type SOPChecklist,
  type StatusMove,
} from './tasks'
export { teamApi, TEAM_EVENT, type TeamStatus, type SyncRejection } from './team'
export { auditApi, type AuditFilter, type AuditEntry, type AuditPage, type AuditVerdict } from './audit'
export {
  backupApi,
  recoveryApi,
  toBackupProgress,
  BACKUP_PROGRESS_EVENT,
  RESTORED_EVENT,
  type BackupEntry,
  type BackupKind,
  type BackupList,
  type BackupProgress,
  type RecoveryState,
  type CheckResult,
} from './backup'
export {
  exportApi,
  importApi,
  printApi,
  toExportProgress,
  EXPORT_PROGRESS_EVENT,
  IMPORT_PROGRESS_EVENT,
  type ExportFormat,
  type ExportProgress,
  type ImportProgress,
  type DuplicateMode,
  type ImportField,
  type ImportPreview,
  type ImportRequest,
  type ImportResult,
  type RowError,
  type PageSize,
  type PrintSettings,
  type PrintPage,
} from './transfer'
