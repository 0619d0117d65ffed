import { reactive } from 'vue'
import { useToast } from 'primevue/usetoast'
import { toAppError, type AppError } from '@/api'

/**
 * Shows a Go error where it belongs: each field problem at its form field
 * (`AppError.problems`, or `AppError.field` alone) when the form has that
 * field, otherwise as a toast.
 */
export function useFieldErrors(fields: readonly string[], summary: string) {
  const errors = reactive<Record<string, string>>({})
  const toast = useToast()

  function clear(field?: string) {
    if (field) delete errors[field]
    else for (const k of Object.keys(errors)) delete errors[k]
  }

  /**
   * Returns the first field an error was shown at (the one to focus), or
   * null when it went to a toast.
   */
  function show(e: unknown): string | null {
    const err: AppError = toAppError(e)
    clear()
    const problems = err.problems.length > 0 ? err.problems : err.field ? [{ field: err.field, message: err.message }] : []
    const here = problems.filter((p) => fields.includes(p.field))
    for (const p of here) errors[p.field] = p.message
    const elsewhere = problems.filter((p) => !fields.includes(p.field))
    if (here.length === 0 || elsewhere.length > 0) {
      const detail = here.length === 0 ? err.message : elsewhere.map((p) => p.message).join(' ')
      toast.add({ severity: 'error', summary, detail, life: 6000 })
    }
    return here[0]?.field ?? null
  }

  return { errors, clear, show }
}
