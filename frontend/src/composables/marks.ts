import { MARK_END, MARK_START } from '@/api'

export interface MarkedPart {
  text: string
  mark: boolean
}

/**
 * Splits text whose matched words Go marked (between MARK_START and MARK_END)
 * into plain and marked parts, for rendering as text and <mark> elements —
 * never as HTML. An unclosed mark runs to the end; stray end marks are dropped.
 */
export function markedParts(text: string): MarkedPart[] {
  const out: MarkedPart[] = []
  let mark = false
  let buf = ''
  const flush = () => {
    if (buf) out.push({ text: buf, mark })
    buf = ''
  }
  for (const ch of text) {
    if (ch === MARK_START) {
      flush()
      mark = true
    } else if (ch === MARK_END) {
      flush()
      mark = false
    } else {
      buf += ch
    }
  }
  flush()
  return out
}

/** The text without its marks. */
export function unmarked(text: string): string {
  return markedParts(text)
    .map((p) => p.text)
    .join('')
}
