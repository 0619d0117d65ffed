import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { onBackendEvent, teamApi, TEAM_EVENT, type TeamStatus } from '@/api'

/** This desk's team hub: joined or not, online, pending changes, problems. */
export const useTeamStore = defineStore('team', () => {
  const status = ref<TeamStatus | null>(null)
  let listening = false

  async function load(): Promise<void> {
    status.value = await teamApi.status()
    if (!listening) {
      listening = true
      onBackendEvent(TEAM_EVENT, (data) => {
        status.value = data as TeamStatus
      })
    }
  }

  /** While a desk that just joined catches up: how far, 0..1 (null when not catching up). */
  const catchingUp = computed(() => {
    const s = status.value
    if (!s || !s.joined || s.head <= 0 || s.pulled >= s.head) return null
    return s.pulled / s.head
  })

  async function join(url: string, code: string): Promise<void> {
    status.value = await teamApi.join(url, code)
  }

  async function leave(): Promise<void> {
    status.value = await teamApi.leave()
  }

  return { status, catchingUp, load, join, leave }
})
