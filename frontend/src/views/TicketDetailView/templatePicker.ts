import type { Template } from '@/api'

/** Where a "/" typed in the note box starts a template search, and what follows it. */
export interface SlashQuery {
  /** Index of the "/" in the text. */
  start: number
  /** What was typed after the "/" up to the caret. */
  query: string
}

/**
 * The template search being typed at the caret: a "/" at the start of the
 * text or after a space (or line break), followed by no space up to the
 * caret. Returns null when the caret is not in one ("and/or" is not).
 */
export function slashQuery(text: string, caret: number): SlashQuery | null {
  const before = text.slice(0, caret)
  const m = /(^|\s)\/([^\s/]*)$/.exec(before)
  if (!m) return null
  return { start: before.length - m[2]!.length - 1, query: m[2]! }
}

/** Templates whose name contains every word of the query (any case), by name. */
export function filterTemplates(list: readonly Template[], query: string): Template[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  return list.filter((t) => words.every((w) => t.name.toLowerCase().includes(w)))
}

/** text with [start, end) replaced by insert, and the caret after the insert. */
export function insertAt(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  return { text: text.slice(0, start) + insert + text.slice(end), caret: start + insert.length }
}
