// Times arrive as RFC 3339 UTC strings; they are shown in the user's locale.

const exactFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })
const relativeShortFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' })

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
]

function parse(iso: string): Date | null {
  if (!iso) return null
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? null : d
}

export function formatExact(iso: string): string {
  const d = parse(iso)
  return d ? exactFormat.format(d) : ''
}

export function formatRelative(iso: string, now: number = Date.now(), short = false): string {
  const d = parse(iso)
  if (!d) return ''
  const seconds = Math.round((d.getTime() - now) / 1000)
  const abs = Math.abs(seconds)
  // A stamp a moment ahead of this clock (written by the Go process) is "just now" too.
  if (abs < 45 || (seconds > 0 && seconds < 90)) return 'just now'
  for (const [unit, size] of UNITS) {
    if (abs >= size || unit === 'minute') {
      return (short ? relativeShortFormat : relativeFormat).format(Math.round(seconds / size), unit)
    }
  }
  return exactFormat.format(d)
}

/** A ticket number as people read it: "#1042", or "P-3" for a provisional one (zero or less),
 * which a ticket made on a desk in a team carries until the team hub numbers it. */
export function ticketNumber(n: number): string {
  return n > 0 ? `#${n}` : `P-${-n}`
}

/** A span of seconds the way people say it: "45 min", "3 h 20 min", "2 d 4 h". */
export function formatSpan(seconds: number): string {
  const m = Math.max(0, Math.round(seconds / 60))
  if (m === 0 && seconds > 0) return 'under 1 min'
  if (m < 60) return `${m} min`
  if (m < 24 * 60) return m % 60 === 0 ? `${m / 60} h` : `${Math.floor(m / 60)} h ${m % 60} min`
  const d = Math.floor(m / (24 * 60))
  const h = Math.floor((m % (24 * 60)) / 60)
  // Past a week the hours no longer matter to anyone.
  return h === 0 || d >= 7 ? `${d} d` : `${d} d ${h} h`
}

/** A file size in plain words: "812 bytes", "24 KB", "3.1 MB". */
export function formatBytes(n: number): string {
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MB`
  if (n >= 1 << 10) return `${Math.round(n / (1 << 10))} KB`
  return `${n} bytes`
}
