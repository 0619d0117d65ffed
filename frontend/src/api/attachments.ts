import * as AttachmentService from '../../wailsjs/go/app/AttachmentService'
import { asArg, invoke } from './errors'
import type { AttachResult } from './types'

/** The admin's attachment rules. */
export interface AttachmentLimits {
  maxMb: number
  kinds: string[]
}

export interface AttachmentProblem {
  hash: string
  message: string
}

export const attachmentApi = {
  /** Opens the system's file chooser and attaches what the user picks. */
  choose: (ticketId: string) => invoke<AttachResult>(() => AttachmentService.Choose(ticketId)),
  /** Attaches files on this computer (the step after the chooser, and dropped files). */
  attachPaths: (ticketId: string, paths: string[]) =>
    invoke<AttachResult>(() => AttachmentService.AttachPaths(ticketId, paths)),
  remove: (id: string) => invoke<void>(() => AttachmentService.Remove(id)),
  open: (id: string) => invoke<void>(() => AttachmentService.Open(id)),
  saveAs: (id: string) => invoke<string>(() => AttachmentService.SaveAs(id)),
  check: () => invoke<AttachmentProblem[]>(() => AttachmentService.Check()),
  limits: () => invoke<AttachmentLimits>(() => AttachmentService.Limits()),
  saveLimits: (l: AttachmentLimits) => invoke<AttachmentLimits>(() => AttachmentService.SaveLimits(asArg(l))),
}
