import { ref, type Ref } from 'vue'
import { slaApi, type Option } from '@/api'

/** The internal note comes first and is the default; the rest come from Go. */
export const INTERNAL_NOTE: Option = { value: '', label: 'Internal note' }

const channels = ref<Option[]>([INTERNAL_NOTE])
let loading: Promise<void> | null = null

/**
 * The note channels of the note box (SLAService.NoteChannels, read once): a
 * note with a channel records a reply to the customer.
 */
export function useNoteChannels(): Ref<Option[]> {
  if (!loading) {
    loading = slaApi
      .noteChannels()
      .then((list) => {
        channels.value = [INTERNAL_NOTE, ...list]
      })
      .catch(() => {
        // Without the list the box still adds internal notes; ask again next time.
        loading = null
      })
  }
  return channels
}
