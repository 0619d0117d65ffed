import type { Router } from 'vue-router'
import type { useTicketQueueStore } from '@/stores/ticketQueue'
import type { QueueTarget } from './chartOptions'

/** Opens the queue (All tickets) filtered to what a bar, slice or count counted. */
export function openQueue(router: Router, queue: ReturnType<typeof useTicketQueueStore>, t: QueueTarget) {
  queue.clearFilters()
  queue.view = 'all'
  queue.filters.statuses = [...t.statuses]
  queue.filters.subjectIds = [...t.subjectIds]
  queue.filters.sourceIds = [...t.sourceIds]
  queue.filters.assigneeIds = [...t.assigneeIds]
  queue.createdFrom = t.createdFrom
  queue.createdTo = t.createdTo
  void router.push({ name: 'tickets' })
}
