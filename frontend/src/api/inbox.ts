import * as InboxService from '../../wailsjs/go/app/InboxService'
import { invoke } from './errors'
import type { AttachResult, InboxState } from './types'

export const inboxApi = {
  state: () => invoke<InboxState>(() => InboxService.State()),
  setFolder: (path: string) => invoke<InboxState>(() => InboxService.SetFolder(path)),
  attachToNumber: (num: number, name: string) => invoke<AttachResult>(() => InboxService.AttachToNumber(num, name)),
}
