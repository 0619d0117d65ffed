import { reactive } from 'vue'
import { useToast } from 'primevue/usetoast'
import { toAppError, type AppError } from '@/api'

/**
 * Shows a Go error where it belongs: at the form field named by
 * `AppError.field` when the form has that field, otherwise as a toast.
 */
export function useFieldErrors(fields: readonly string[], summary: string) {
  const errors = reactive<Record<string, string>>({})
  const toast = useToast()

  function clear(field?: string) {
    if (field) delete errors[field]
    else for (const k of Object.keys(errors)) delete errors[k]
  }

  /** Returns the field the error was shown at, or null when it went to a toast. */
  function show(e: unknown): string | null {
    const err: AppError = toAppError(e)
    clear()
    if (err.field && fields.includes(err.field)) {
      errors[err.field] = err.message
      return err.field
    }
    toast.add({ severity: 'error', summary, detail: err.message, life: 6000 })
    return null
  }

  return { errors, clear, show }
}
