import * as NotificationService from '../../wailsjs/go/app/NotificationService'
import { asArg, invoke } from './errors'
import type { NotificationList, NotificationPrefs, Option } from './types'

export const notificationApi = {
  list: (limit = 100) => invoke<NotificationList>(() => NotificationService.List(limit)),
  markRead: (id: string) => invoke<NotificationList>(() => NotificationService.MarkRead(id)),
  markAllRead: () => invoke<NotificationList>(() => NotificationService.MarkAllRead()),
  prefs: () => invoke<NotificationPrefs>(() => NotificationService.Prefs()),
  savePrefs: (p: NotificationPrefs) => invoke<NotificationPrefs>(() => NotificationService.SavePrefs(asArg(p))),
  kinds: () => invoke<Option[]>(() => NotificationService.Kinds()),
}
