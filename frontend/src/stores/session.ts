import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import {
  sessionApi,
  setupApi,
  userApi,
  type Action,
  type AppState,
  type CredentialKind,
  type Option,
  type SessionState,
  type User,
  type UserInput,
  type Vocabulary,
} from '@/api'

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

/**
 * The workspace, who is signed in (Go keeps the session; this mirrors it),
 * the user list and the fixed vocabulary.
 */
export const useSessionStore = defineStore('session', () => {
  const state = ref<AppState | null>(null)
  const session = ref<SessionState | null>(null)
  const vocabulary = ref<Vocabulary>(EMPTY_VOCABULARY)
  const users = ref<User[]>([])

  const initialized = computed(() => state.value?.initialized ?? false)
  const signedIn = computed(() => session.value?.signedIn ?? false)
  const locked = computed(() => session.value?.locked ?? false)
  const currentUser = computed(() => (signedIn.value ? (session.value?.user ?? state.value?.currentUser ?? null) : null))
  const activeUsers = computed(() => users.value.filter((u) => u.active))
  /** Whether the signed-in user's role may take action (to hide what it cannot do; Go still decides). */
  const can = (action: Action) => session.value?.can.includes(action) ?? false

  async function load(): Promise<void> {
    const [s, v, ss] = await Promise.all([setupApi.state(), setupApi.vocabulary(), sessionApi.state()])
    state.value = s
    vocabulary.value = v
    session.value = ss
    if (ss.signedIn) await loadUsers()
  }

  // Every answer about the session bumps this; a read started before the
  // last bump is stale (a refresh asked while signed out must not undo the
  // sign-in that answered after it started).
  let generation = 0

  /** Reads the workspace and the session again (after a sign-in, a lock, a change of users). */
  async function refreshState(): Promise<void> {
    const started = generation
    const [s, ss] = await Promise.all([setupApi.state(), sessionApi.state()])
    if (started !== generation) return
    generation++
    state.value = s
    const wasSignedIn = signedIn.value
    session.value = ss
    if (ss.signedIn && !wasSignedIn) await loadUsers()
  }

  async function loadUsers(): Promise<void> {
    users.value = signedIn.value ? await userApi.list() : []
  }

  async function initialize(orgName: string, adminName: string, pin: string): Promise<void> {
    state.value = await setupApi.initialize(orgName, adminName, pin)
    session.value = await sessionApi.state()
    await loadUsers()
  }

  async function signedInAs(ss: SessionState): Promise<void> {
    generation++
    session.value = ss
    state.value = await setupApi.state()
    await loadUsers()
  }

  async function signIn(userId: string, pin: string): Promise<void> {
    await signedInAs(await sessionApi.signIn(userId, pin))
  }

  async function setFirstPin(userId: string, kind: CredentialKind, pin: string): Promise<void> {
    await signedInAs(await sessionApi.setFirstPin(userId, kind, pin))
  }

  async function signOut(): Promise<void> {
    await sessionApi.signOut()
    generation++
    users.value = []
    session.value = await sessionApi.state()
  }

  async function lock(): Promise<void> {
    if (!signedIn.value) return
    await sessionApi.lock()
    generation++
    session.value = await sessionApi.state()
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
      if (session.value?.user?.id === saved.id) session.value = { ...session.value, user: saved }
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
    session,
    initialized,
    signedIn,
    locked,
    currentUser,
    activeUsers,
    can,
    load,
    refreshState,
    loadUsers,
    initialize,
    signIn,
    setFirstPin,
    signOut,
    lock,
    saveUser,
    statusLabel,
    priorityLabel,
    roleLabel,
    leadStatusLabel,
    kindLabel,
  }
})
