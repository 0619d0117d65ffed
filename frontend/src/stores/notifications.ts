import { defineStore } from 'pinia'
import { ref } from 'vue'
import { notificationApi, type Notification } from '@/api'

/** The signed-in user's notification center. */
export const useNotificationStore = defineStore('notifications', () => {
  const items = ref<Notification[]>([])
  const unread = ref(0)
  const loaded = ref(false)

  async function load(): Promise<void> {
    const list = await notificationApi.list()
    items.value = list.items
    unread.value = list.unread
    loaded.value = true
  }

  /** Marks one as read at once, and puts it back if Go refuses. */
  async function markRead(id: string): Promise<void> {
    const item = items.value.find((n) => n.id === id)
    if (!item || item.read) return
    item.read = true
    unread.value = Math.max(0, unread.value - 1)
    try {
      const list = await notificationApi.markRead(id)
      items.value = list.items
      unread.value = list.unread
    } catch (e) {
      item.read = false
      unread.value += 1
      throw e
    }
  }

  async function markAllRead(): Promise<void> {
    const before = items.value.map((n) => ({ ...n }))
    const count = unread.value
    items.value.forEach((n) => (n.read = true))
    unread.value = 0
    try {
      const list = await notificationApi.markAllRead()
      items.value = list.items
      unread.value = list.unread
    } catch (e) {
      items.value = before
      unread.value = count
      throw e
    }
  }

  return { items, unread, loaded, load, markRead, markAllRead }
})
