import * as AuditService from '../../wailsjs/go/app/AuditService'
import { asArg, invoke } from './errors'
import type { Option } from './types'

/** Narrows the audit trail; empty fields do not filter. Dates are YYYY-MM-DD in `zone`. */
export interface AuditFilter {
  actorId: string
  ticket: string
  kind: string
  from: string
  to: string
  zone: string
}

/** One change of the audit trail, in plain words. */
export interface AuditEntry {
  seq: number
  at: string
  actorId: string
  actor: string
  workstation: string
  workstationName: string
  kind: string
  kindLabel: string
  ticketNumber: number
  what: string
  old: string
  new: string
}

export interface AuditPage {
  entries: AuditEntry[]
  total: number
}

/** What checking the trail found; `problem` is '', 'edited', 'deleted' or 'reordered'. */
export interface AuditVerdict {
  ok: boolean
  checked: number
  message: string
  problem: '' | 'edited' | 'deleted' | 'reordered'
  seq: number
  at: string
  kind: string
  actor: string
}

/** Admins only: every call is refused with `forbidden` for anyone else. */
export const auditApi = {
  list: (filter: AuditFilter, offset: number, limit: number) =>
    invoke<AuditPage>(() => AuditService.List(asArg(filter), offset, limit)),
  kinds: () => invoke<Option[]>(() => AuditService.Kinds()),
  verify: () => invoke<AuditVerdict>(() => AuditService.Verify()),
  /** Asks where to save; resolves to the path saved to, or '' if cancelled. */
  exportCsv: (filter: AuditFilter) => invoke<string>(() => AuditService.ExportCSV(asArg(filter))),
}
