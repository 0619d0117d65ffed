import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { inboxApi, type AttachResult, type InboxState } from '@/api'

/**
 * The workstation's scan inbox: the watched folder and the files waiting in
 * it. The sidebar shows the count; the Inbox view shows the files.
 */
export const useInboxStore = defineStore('inbox', () => {
  const state = ref<InboxState | null>(null)
  const count = computed(() => state.value?.files.length ?? 0)

  // Events come in bursts (a scanner writing ten pages): one call runs at a
  // time, and calls that arrive meanwhile share a single follow-up read.
  let running: Promise<void> | null = null
  let again: Promise<void> | null = null

  async function read(): Promise<void> {
    state.value = await inboxApi.state()
  }

  function load(): Promise<void> {
    if (!running) {
      running = read().finally(() => (running = null))
      return running
    }
    if (!again) {
      again = running.catch(() => undefined).then(() => {
        again = null
        return load()
      })
    }
    return again
  }

  /** Watches another folder; a refusal is thrown with `field: "folder"`. */
  async function setFolder(path: string): Promise<void> {
    state.value = await inboxApi.setFolder(path.trim())
  }

  /**
   * Attaches a waiting file to the ticket with this number; the file leaves
   * the list at once when Go took it.
   */
  async function attach(ticketNumber: number, name: string): Promise<AttachResult> {
    const res = await inboxApi.attachToNumber(ticketNumber, name)
    if (res.attached.length > 0 && state.value) {
      state.value = { ...state.value, files: state.value.files.filter((f) => f.name !== name) }
    }
    return res
  }

  return { state, count, load, setFolder, attach }
})
