import { defineStore } from 'pinia'
import { ref } from 'vue'
import { taskApi, templateApi, type Task, type TaskCounts, type TaskTab, type Template } from '@/api'

/**
 * The current user's follow-up task counts (the sidebar badges), the task
 * list of the Tasks view, and the templates the note box offers.
 */
export const useTasksStore = defineStore('tasks', () => {
  const counts = ref<TaskCounts>({ open: 0, overdue: 0, dueToday: 0 })
  const tab = ref<TaskTab>('mine')
  const list = ref<Task[]>([])
  const loading = ref(false)
  const templates = ref<Template[]>([])

  async function loadCounts(): Promise<void> {
    counts.value = await taskApi.counts()
  }

  async function loadList(which: TaskTab = tab.value): Promise<void> {
    tab.value = which
    loading.value = true
    try {
      const rows = await taskApi.list(which)
      if (tab.value === which) list.value = rows
    } finally {
      loading.value = false
    }
  }

  /** Completes or reopens a task, then reads the list and counts again. */
  async function setDone(id: string, done: boolean): Promise<void> {
    if (done) await taskApi.complete(id)
    else await taskApi.reopen(id)
    await Promise.all([loadList(), loadCounts()])
  }

  async function loadTemplates(): Promise<void> {
    templates.value = await templateApi.list()
  }

  return { counts, tab, list, loading, templates, loadCounts, loadList, setDone, loadTemplates }
})
