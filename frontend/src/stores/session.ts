import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { setupApi, userApi, type AppState, type Option, type User, type UserInput, type Vocabulary } from '@/api'

// Limits of 0 are not known yet: no field is cut short before Go has said.
const EMPTY_VOCABULARY: Vocabulary = {
  statuses: [],
  priorities: [],
  roles: [],
  leadStatuses: [],
  contactKinds: [],
  limits: { name: 0, text: 0 },
}

/** value → label of each list, built once per vocabulary: the queue asks for a label per row on every render. */
function labelMaps(v: Vocabulary): Record<Exclude<keyof Vocabulary, 'limits'>, Map<string, string>> {
  const map = (options: Option[]) => new Map(options.map((o) => [o.value, o.label]))
  return {
    statuses: map(v.statuses),
    priorities: map(v.priorities),
    roles: map(v.roles),
    leadStatuses: map(v.leadStatuses),
    contactKinds: map(v.contactKinds),
  }
}

/** The workspace, the current user, the user list and the fixed vocabulary. */
export const useSessionStore = defineStore('session', () => {
  const state = ref<AppState | null>(null)
  const vocabulary = ref<Vocabulary>(EMPTY_VOCABULARY)
  const users = ref<User[]>([])

  const initialized = computed(() => state.value?.initialized ?? false)
  const currentUser = computed(() => state.value?.currentUser ?? null)
  const activeUsers = computed(() => users.value.filter((u) => u.active))

  async function load(): Promise<void> {
    const [s, v] = await Promise.all([setupApi.state(), setupApi.vocabulary()])
    state.value = s
    vocabulary.value = v
    if (s.initialized) await loadUsers()
  }

  async function refreshState(): Promise<void> {
    state.value = await setupApi.state()
  }

  async function loadUsers(): Promise<void> {
    users.value = await userApi.list()
  }

  async function initialize(orgName: string, adminName: string): Promise<void> {
    state.value = await setupApi.initialize(orgName, adminName)
    await loadUsers()
  }

  /** Switches the current user at once, and back again if Go refuses. */
  async function switchTo(id: string): Promise<void> {
    const previous = state.value
    const user = users.value.find((u) => u.id === id)
    if (previous && user) state.value = { ...previous, currentUser: user }
    try {
      state.value = await userApi.switchTo(id)
    } catch (e) {
      state.value = previous
      throw e
    }
  }

  async function saveUser(input: UserInput): Promise<User> {
    const previous = users.value
    if (input.id) {
      users.value = users.value.map((u) => (u.id === input.id ? { ...u, ...input } : u))
    }
    try {
      const saved = await userApi.save(input)
      const exists = users.value.some((u) => u.id === saved.id)
      users.value = exists ? users.value.map((u) => (u.id === saved.id ? saved : u)) : [...users.value, saved]
      if (state.value && state.value.currentUser?.id === saved.id) {
        state.value = { ...state.value, currentUser: saved }
      }
      return saved
    } catch (e) {
      users.value = previous
      throw e
    }
  }

  const labels = computed(() => labelMaps(vocabulary.value))
  const statusLabel = (v: string) => labels.value.statuses.get(v) ?? v
  const priorityLabel = (v: string) => labels.value.priorities.get(v) ?? v
  const roleLabel = (v: string) => labels.value.roles.get(v) ?? v
  const leadStatusLabel = (v: string) => labels.value.leadStatuses.get(v) ?? v
  const kindLabel = (v: string) => labels.value.contactKinds.get(v) ?? v

  return {
    state,
    vocabulary,
    users,
    initialized,
    currentUser,
    activeUsers,
    load,
    refreshState,
    loadUsers,
    initialize,
    switchTo,
    saveUser,
    statusLabel,
    priorityLabel,
    roleLabel,
    leadStatusLabel,
    kindLabel,
  }
})
