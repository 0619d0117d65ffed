import { getCurrentScope, onScopeDispose, shallowReactive } from 'vue'

/**
 * Keyboard shortcuts and the command palette share one registry of actions.
 * A screen registers its actions while it is mounted (`useShortcuts`); one
 * keydown listener (`installShortcuts`, from the app shell) runs the action
 * bound to a key, the most recently registered first. Single-key shortcuts
 * never fire while the user is typing in a field or a dialog is open.
 */

export type ShortcutGroup = 'General' | 'Queue' | 'Ticket'

export interface ShortcutAction {
  id: string
  /** Plain words, shown in the palette, e.g. "Change status". */
  label: string
  group: ShortcutGroup
  /** Keys as `keyOf` names them: 'j', 'ArrowDown', 'Enter', 'Escape', '?', 'mod+k'. */
  keys?: string[]
  run: () => void | Promise<void>
  /** When it returns false the action is neither run by its key nor offered. */
  enabled?: () => boolean
  /** Offered in the command palette (default true). */
  palette?: boolean
}

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

/** Every shortcut, for the `?` help. Actions use the same key names. */
export const SHORTCUTS: { group: ShortcutGroup; keys: string[]; label: string }[] = [
  { group: 'General', keys: ['mod+k'], label: 'Open the command palette' },
  { group: 'General', keys: ['c'], label: 'Create a ticket' },
  { group: 'General', keys: ['/'], label: 'Search tickets' },
  { group: 'General', keys: ['?'], label: 'Show the keyboard shortcuts' },
  { group: 'Queue', keys: ['j', 'ArrowDown'], label: 'Next ticket' },
  { group: 'Queue', keys: ['k', 'ArrowUp'], label: 'Previous ticket' },
  { group: 'Queue', keys: ['PageDown'], label: 'A screenful down' },
  { group: 'Queue', keys: ['PageUp'], label: 'A screenful up' },
  { group: 'Queue', keys: ['Home'], label: 'First ticket' },
  { group: 'Queue', keys: ['End'], label: 'Last ticket' },
  { group: 'Queue', keys: ['Enter'], label: 'Open the ticket' },
  { group: 'Queue', keys: ['x'], label: 'Select or unselect the ticket' },
  { group: 'Ticket', keys: ['s'], label: 'Change status' },
  { group: 'Ticket', keys: ['p'], label: 'Change priority' },
  { group: 'Ticket', keys: ['a'], label: 'Change assignees' },
  { group: 'Ticket', keys: ['n'], label: 'Write a note' },
  { group: 'Ticket', keys: ['e'], label: 'Edit details' },
  { group: 'Ticket', keys: ['Escape'], label: 'Back to the queue' },
]

const KEY_NAMES: Record<string, string> = {
  ArrowDown: '↓',
  ArrowUp: '↑',
  Enter: 'Enter',
  Escape: 'Esc',
  PageDown: 'Page Down',
  PageUp: 'Page Up',
}

/** How a key is written for people: "Ctrl+K" (⌘K on a Mac), "↓", "Esc", "j". */
export function keyLabel(key: string): string {
  if (key.startsWith('mod+')) {
    const k = key.slice(4).toUpperCase()
    return isMac ? `⌘${k}` : `Ctrl+${k}`
  }
  return KEY_NAMES[key] ?? key
}

/** Names a key press: 'mod+k' for Ctrl/⌘ chords, '' for Alt chords, else `event.key`. */
export function keyOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): string {
  if (e.altKey) return ''
  if (e.ctrlKey || e.metaKey) return e.key.length === 1 ? `mod+${e.key.toLowerCase()}` : ''
  return e.key
}

const FIELD_ROLES = ['combobox', 'listbox', 'option', 'textbox', 'searchbox', 'spinbutton', 'slider', 'menu', 'menuitem']

/** True when keys typed at `el` belong to a field (or a picker) rather than to the app. */
export function isTypingTarget(el: EventTarget | null): boolean {
  if (!(el instanceof Element)) return false
  if (el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return true
  const role = el.closest('[role]')?.getAttribute('role') ?? ''
  return FIELD_ROLES.includes(role)
}

/** True while a modal dialog (or a picker's overlay) is on screen. */
export function modalOpen(doc: Document = document): boolean {
  return doc.querySelector('[role="dialog"][aria-modal="true"], .p-dialog-mask') !== null
}

const scopes = shallowReactive<{ key: symbol; actions: () => ShortcutAction[] }[]>([])

/** Registers actions for the lifetime of the calling component. */
export function useShortcuts(actions: ShortcutAction[] | (() => ShortcutAction[])): () => void {
  const entry = { key: Symbol('shortcuts'), actions: typeof actions === 'function' ? actions : () => actions }
  scopes.push(entry)
  const stop = () => {
    const i = scopes.findIndex((s) => s.key === entry.key)
    if (i >= 0) scopes.splice(i, 1)
  }
  if (getCurrentScope()) onScopeDispose(stop)
  return stop
}

const enabled = (a: ShortcutAction) => !a.enabled || a.enabled()

/** The enabled action bound to key: the latest registered wins. */
export function actionFor(key: string): ShortcutAction | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const hit = scopes[i]!.actions().find((a) => a.keys?.includes(key) && enabled(a))
    if (hit) return hit
  }
  return undefined
}

const GROUP_ORDER: ShortcutGroup[] = ['Ticket', 'Queue', 'General']

/** What the palette offers now: enabled actions, the open ticket's first, one per id. */
export function paletteActions(): ShortcutAction[] {
  const seen = new Set<string>()
  const out: ShortcutAction[] = []
  for (let i = scopes.length - 1; i >= 0; i--) {
    for (const a of scopes[i]!.actions()) {
      if (a.palette === false || seen.has(a.id) || !enabled(a)) continue
      seen.add(a.id)
      out.push(a)
    }
  }
  return out.sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group))
}

/** Handles one key press; returns true when an action ran. */
export function handleKey(e: KeyboardEvent, doc: Document = document): boolean {
  if (e.defaultPrevented || e.isComposing) return false
  const key = keyOf(e)
  if (!key) return false
  // Esc in a text field (outside dialogs) leaves the field; Esc again then acts.
  if (key === 'Escape' && e.target instanceof HTMLElement && e.target.matches('input, textarea') && !modalOpen(doc)) {
    e.target.blur()
    return false
  }
  // Chords (Ctrl+K) work anywhere; single keys only outside fields and dialogs.
  if (!key.startsWith('mod+') && (isTypingTarget(e.target) || modalOpen(doc))) return false
  const action = actionFor(key)
  if (!action) return false
  e.preventDefault()
  void action.run()
  return true
}

/** Installs the one keydown listener; returns its removal. */
export function installShortcuts(target: Window = window): () => void {
  const onKey = (e: KeyboardEvent) => void handleKey(e, target.document)
  target.addEventListener('keydown', onKey)
  return () => target.removeEventListener('keydown', onKey)
}
