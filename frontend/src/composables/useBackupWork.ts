import { ref } from 'vue'
import { toBackupProgress, BACKUP_PROGRESS_EVENT, type BackupProgress } from '@/api'
import { useBackendEvent } from './useBackendEvent'

/**
 * One backup or restore at a time, with the progress Go reports while it runs.
 * `run` marks the work busy, calls it and hands a failure to `fail`.
 */
export function useBackupWork(fail: (what: string, e: unknown) => void) {
  const busy = ref('')
  const progress = ref<BackupProgress | null>(null)

  useBackendEvent(BACKUP_PROGRESS_EVENT, (data) => {
    if (busy.value) progress.value = toBackupProgress(data)
  })

  async function run<T>(what: string, call: () => Promise<T>): Promise<T | undefined> {
    busy.value = what
    progress.value = null
    try {
      return await call()
    } catch (e) {
      fail(what, e)
      return undefined
    } finally {
      busy.value = ''
      progress.value = null
    }
  }

  return { busy, progress, run }
}

/** How far work is, in percent (0 while its size is not known). */
export function progressPercent(p: BackupProgress): number {
  return p.total > 0 ? Math.round((100 * p.done) / p.total) : 0
}
