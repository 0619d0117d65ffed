import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { AppState, SessionState, User, Vocabulary } from '@/api'

const setup = vi.hoisted(() => ({ state: vi.fn(), initialize: vi.fn(), vocabulary: vi.fn() }))
const users = vi.hoisted(() => ({ list: vi.fn(), save: vi.fn() }))
const sessions = vi.hoisted(() => ({ state: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), lock: vi.fn(), setFirstPin: vi.fn() }))
vi.mock('@/api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api')>()),
  setupApi: setup,
  userApi: users,
  sessionApi: sessions,
}))

import { useSessionStore } from './session'

const amina: User = { id: 'u1', name: 'Amina Yusuf', role: 'admin', active: true }
const brian: User = { id: 'u2', name: 'Brian Otieno', role: 'support', active: true }
const state = (me: User | null, initialized = true): AppState => ({ initialized, orgName: 'Riverside', currentUser: me, dataDir: '/tmp/x' })
const signedIn = (me: User | null, locked = false): SessionState => ({
  signedIn: !!me && !locked,
  locked,
  user: me ?? undefined,
  users: [
    { id: amina.id, name: amina.name, role: amina.role, credential: 'pin' },
    { id: brian.id, name: brian.name, role: brian.role, credential: '' },
  ],
  lastUserId: amina.id,
  lockMinutes: 10,
  can: me?.role === 'admin' ? ['work', 'see_all', 'manage_users'] : me ? ['work', 'see_all'] : [],
})
const vocab: Vocabulary = {
  statuses: [{ value: 'in_progress', label: 'In Progress' }],
  priorities: [{ value: 'urgent', label: 'Urgent' }],
  roles: [{ value: 'support', label: 'Support user' }],
  leadStatuses: [],
  limits: { name: 200, text: 20000 },
  contactKinds: [{ value: 'lead', label: 'Lead' }],
}

beforeEach(() => {
  setActivePinia(createPinia())
  Object.values(setup).forEach((f) => f.mockReset())
  Object.values(users).forEach((f) => f.mockReset())
  Object.values(sessions).forEach((f) => f.mockReset())
  setup.vocabulary.mockResolvedValue(vocab)
  sessions.state.mockResolvedValue(signedIn(amina))
  users.list.mockResolvedValue([amina, brian])
})

describe('session store', () => {
  it('loads no users before the workspace exists', async () => {
    setup.state.mockResolvedValue(state(null, false))
    sessions.state.mockResolvedValue(signedIn(null))
    const s = useSessionStore()
    await s.load()
    expect(s.initialized).toBe(false)
    expect(users.list).not.toHaveBeenCalled()
  })

  it('labels values with the vocabulary from Go, and falls back to the value', async () => {
    setup.state.mockResolvedValue(state(amina))
    const s = useSessionStore()
    await s.load()
    expect(s.statusLabel('in_progress')).toBe('In Progress')
    expect(s.roleLabel('support')).toBe('Support user')
    expect(s.statusLabel('mystery')).toBe('mystery')
  })

  it('loads no users and names nobody while signed out', async () => {
    setup.state.mockResolvedValue(state(null))
    sessions.state.mockResolvedValue(signedIn(null))
    const s = useSessionStore()
    await s.load()
    expect(s.signedIn).toBe(false)
    expect(s.currentUser).toBeNull()
    expect(users.list).not.toHaveBeenCalled()
  })

  it('signs in through Go, mirrors what the role may do, and forgets the users on sign-out', async () => {
    setup.state.mockResolvedValue(state(null))
    sessions.state.mockResolvedValue(signedIn(null))
    const s = useSessionStore()
    await s.load()
    sessions.signIn.mockRejectedValueOnce({ code: 'invalid', message: 'Wrong PIN. Try again', field: 'pin' })
    await expect(s.signIn('u2', '0000')).rejects.toMatchObject({ field: 'pin' })
    expect(s.signedIn).toBe(false)

    sessions.signIn.mockResolvedValueOnce(signedIn(brian))
    setup.state.mockResolvedValue(state(brian))
    await s.signIn('u2', '7777')
    expect(s.currentUser?.name).toBe('Brian Otieno')
    expect(s.can('see_all')).toBe(true)
    expect(s.can('manage_users')).toBe(false)
    expect(s.users).toHaveLength(2)

    sessions.state.mockResolvedValue(signedIn(null))
    await s.signOut()
    expect(s.signedIn).toBe(false)
    expect(s.users).toHaveLength(0)
    expect(s.can('work')).toBe(false)
  })

  it('shows the lock: nobody signed in, the locker named', async () => {
    setup.state.mockResolvedValue(state(amina))
    const s = useSessionStore()
    await s.load()
    sessions.state.mockResolvedValue(signedIn(amina, true))
    await s.lock()
    expect(sessions.lock).toHaveBeenCalled()
    expect(s.locked).toBe(true)
    expect(s.signedIn).toBe(false)
    expect(s.currentUser).toBeNull()
    expect(s.session?.user?.name).toBe('Amina Yusuf')
  })

  it('adds a saved user and rolls an edit back on refusal', async () => {
    setup.state.mockResolvedValue(state(amina))
    const s = useSessionStore()
    await s.load()

    const carol: User = { id: 'u3', name: 'Carol', role: 'sales', active: true }
    users.save.mockResolvedValueOnce(carol)
    await s.saveUser({ id: '', name: 'Carol', role: 'sales', active: true })
    expect(s.users.map((u) => u.name)).toEqual(['Amina Yusuf', 'Brian Otieno', 'Carol'])

    users.save.mockRejectedValueOnce({ code: 'forbidden', message: 'Only admins manage users' })
    await expect(s.saveUser({ ...brian, active: false })).rejects.toMatchObject({ code: 'forbidden' })
    expect(s.users.find((u) => u.id === 'u2')?.active).toBe(true)
    expect(s.activeUsers).toHaveLength(3)
  })
})
