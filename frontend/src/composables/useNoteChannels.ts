import { ref, type Ref } from 'vue'
import { slaApi, type Option } from '@/api'

/**
 * The select's value for an internal note. Go's is "" but the select shows
 * "" as nothing chosen, so the box uses this and `channelFor` maps it back.
 */
export const INTERNAL = 'internal'

/** The internal note comes first and is the default; the rest come from Go. */
export const INTERNAL_NOTE: Option = { value: INTERNAL, label: 'Internal note' }

/** The channel to pass to AddNote for the select's value ("" for an internal note). */
export function channelFor(value: string | null | undefined): string {
  return !value || value === INTERNAL ? '' : value
}

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
