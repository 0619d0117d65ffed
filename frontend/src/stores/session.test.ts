import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { AppState, User, Vocabulary } from '@/api'

const setup = vi.hoisted(() => ({ state: vi.fn(), initialize: vi.fn(), vocabulary: vi.fn() }))
const users = vi.hoisted(() => ({ list: vi.fn(), save: vi.fn(), switchTo: vi.fn() }))
vi.mock('@/api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api')>()),
  setupApi: setup,
  userApi: users,
}))

import { useSessionStore } from './session'

const amina: User = { id: 'u1', name: 'Amina Yusuf', role: 'admin', active: true }
const brian: User = { id: 'u2', name: 'Brian Otieno', role: 'support', active: true }
const state = (me: User | null, initialized = true): AppState => ({ initialized, orgName: 'Riverside', currentUser: me, dataDir: '/tmp/x' })
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
  setup.vocabulary.mockResolvedValue(vocab)
  users.list.mockResolvedValue([amina, brian])
})

describe('session store', () => {
  it('loads no users before the workspace exists', async () => {
    setup.state.mockResolvedValue(state(null, false))
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

  it('switches user at once and back again if Go refuses', async () => {
    setup.state.mockResolvedValue(state(amina))
    const s = useSessionStore()
    await s.load()

    users.switchTo.mockResolvedValueOnce(state(brian))
    const ok = s.switchTo('u2')
    expect(s.currentUser?.name).toBe('Brian Otieno')
    await ok
    expect(s.currentUser?.id).toBe('u2')

    users.switchTo.mockRejectedValueOnce({ code: 'invalid', message: 'Brian is deactivated', field: 'id' })
    await expect(s.switchTo('u1')).rejects.toMatchObject({ message: 'Brian is deactivated' })
    expect(s.currentUser?.id).toBe('u2')
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
