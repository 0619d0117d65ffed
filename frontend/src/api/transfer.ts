import * as ExportService from '../../wailsjs/go/app/ExportService'
import * as ImportService from '../../wailsjs/go/app/ImportService'
import * as PrintService from '../../wailsjs/go/app/PrintService'
import { asArg, invoke } from './errors'
import type { ContactKind, TicketFilter } from './types'

/** Sent while an export runs, and once when it ends, with an ExportProgress. */
export const EXPORT_PROGRESS_EVENT = 'deskline:export-progress'
/** Sent while an import writes, with an ImportProgress. */
export const IMPORT_PROGRESS_EVENT = 'deskline:import-progress'

export type ExportFormat = 'csv' | 'xlsx'

export interface ExportProgress {
  id: string
  rows: number
  total: number
  /** Set once, at the end: with `error` when it failed, `cancelled` when stopped. */
  done: boolean
  cancelled: boolean
  error: string
  /** The file written ('' unless it finished). */
  path: string
}

export interface ImportProgress {
  rows: number
  total: number
}

export type DuplicateMode = 'skip' | 'update'

export interface ImportField {
  key: string
  label: string
  required: boolean
}

export interface ImportPreview {
  path: string
  name: string
  format: string
  encoding: string
  separator: string
  columns: string[]
  rows: string[][]
  fields: ImportField[]
  /** field key → column name */
  mapping: Record<string, string>
}

export interface ImportRequest {
  path: string
  kind: ContactKind
  mapping: Record<string, string>
  duplicates: DuplicateMode
}

export interface RowError {
  row: number
  field: string
  message: string
}

/** With errors, nothing was written. */
export interface ImportResult {
  created: number
  updated: number
  skipped: number
  errors: RowError[]
}

export type PageSize = 'a4' | '80mm'

export interface PrintSettings {
  receiptAfterCreate: boolean
  pageSize: PageSize
}

/** A page made by Go, every value escaped, with its styles and @page rule, ready to print. */
export interface PrintPage {
  title: string
  pageSize: PageSize
  html: string
}

/** Reads an export-progress payload defensively. */
export function toExportProgress(data: unknown): ExportProgress {
  const o = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>
  const num = (v: unknown) => (typeof v === 'number' ? v : 0)
  const str = (v: unknown) => (typeof v === 'string' ? v : '')
  return {
    id: str(o.id),
    rows: num(o.rows),
    total: num(o.total),
    done: o.done === true,
    cancelled: o.cancelled === true,
    error: str(o.error),
    path: str(o.path),
  }
}

/** Managers and admins only (Go refuses the others as `forbidden`). */
export const exportApi = {
  /** Asks where to save; resolves to the path, or '' if cancelled. */
  chooseFile: (format: ExportFormat) => invoke<string>(() => ExportService.ChooseFile(format)),
  /** Starts the export of every ticket under the filter; resolves to its id. */
  start: (filter: TicketFilter, format: ExportFormat, path: string) =>
    invoke<string>(() => ExportService.Start(asArg(filter), format, path)),
  cancel: (id: string) => invoke<void>(() => ExportService.Cancel(id)),
}

/** Managers and admins only. */
export const importApi = {
  /** Asks for the file; resolves to its path, or '' if cancelled. */
  chooseFile: () => invoke<string>(() => ImportService.ChooseFile()),
  preview: (path: string, kind: ContactKind) => invoke<ImportPreview>(() => ImportService.Preview(path, kind)),
  run: (req: ImportRequest) => invoke<ImportResult>(() => ImportService.Run(asArg(req))),
  /** Asks where to save the row errors as CSV; resolves to the path, or ''. */
  saveErrors: (errors: RowError[]) => invoke<string>(() => ImportService.SaveErrors(asArg(errors))),
}

export const printApi = {
  settings: () => invoke<PrintSettings>(() => PrintService.Settings()),
  /** Admins only. */
  saveSettings: (s: PrintSettings) => invoke<PrintSettings>(() => PrintService.SaveSettings(asArg(s))),
  receipt: (ticketId: string) => invoke<PrintPage>(() => PrintService.Receipt(ticketId)),
  ticket: (ticketId: string) => invoke<PrintPage>(() => PrintService.Ticket(ticketId)),
  /** Writes the page as a file and opens it in the system's browser; resolves to its path. */
  openInBrowser: (what: 'receipt' | 'ticket', ticketId: string) => invoke<string>(() => PrintService.OpenInBrowser(what, ticketId)),
}
