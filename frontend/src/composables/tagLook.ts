// How statuses, priorities and contact kinds look as tags (styles.css, .tag).
// The tag components and the queue's rows (which draw them without a
// component each, to stay quick) both read these.

const STATUS_TONE: Record<string, string> = {
  open: 'info',
  in_progress: 'primary',
  waiting: 'warn',
  resolved: 'success',
  closed: 'secondary',
}

const PRIORITY_LOOK: Record<string, { tone: string; icon: string }> = {
  low: { tone: 'secondary', icon: 'pi-angle-down' },
  medium: { tone: 'info', icon: 'pi-minus' },
  high: { tone: 'warn', icon: 'pi-angle-up' },
  urgent: { tone: 'danger', icon: 'pi-angle-double-up' },
}

/** The classes of a status tag. */
export function statusClasses(status: string): string[] {
  return ['tag', `tag-${STATUS_TONE[status] ?? 'secondary'}`, 'status-tag']
}

/** The classes and icon of a priority tag. */
export function priorityLook(priority: string): { classes: string[]; icon: string } {
  const look = PRIORITY_LOOK[priority] ?? { tone: 'secondary', icon: '' }
  return { classes: ['tag', 'tag-rounded', `tag-${look.tone}`, 'priority-tag'], icon: look.icon }
}

/** The classes and icon of a customer or lead tag. */
export function kindLook(kind: string): { classes: string[]; icon: string } {
  const lead = kind === 'lead'
  return { classes: ['tag', 'tag-small', lead ? 'tag-warn' : 'tag-success', 'kind-tag'], icon: lead ? 'pi-bolt' : 'pi-user' }
}
