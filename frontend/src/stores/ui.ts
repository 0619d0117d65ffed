import { defineStore } from 'pinia'
import { ref } from 'vue'

/** Screen state that keyboard shortcuts reach from anywhere in the app. */
export const useUiStore = defineStore('ui', () => {
  /** The New ticket dialog is open. */
  const creating = ref(false)
  const paletteOpen = ref(false)
  const helpOpen = ref(false)
  /** The queue row the keyboard is on (-1: none yet). */
  const cursor = ref(-1)
  /** How many queue rows one screenful is (Page Up/Down), set by the grid. */
  const pageRows = ref(10)
  return { creating, paletteOpen, helpOpen, cursor, pageRows }
})
