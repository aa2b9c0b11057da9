import { describe, expect, it } from 'vitest'

import type { Role } from '../../../db/schema/identity'
import { ACTIONS, can, requirePermission, type Action, type Actor } from './permissions'

const actor = (role: Role, id = `${role}-1`): Actor => ({ id, role, institutionId: 'inst-1', teamId: null })

/** The expected matrix, written out independently of the implementation's table. */
const EXPECTED: Record<Role, Action[]> = {
  admin: [...ACTIONS],
  coordinator: [
    'team:manage',
    'team:read',
    'team:recognise',
    'round:record',
    'round:read-all',
    'case:assign-team',
    'user:approve',
    'coordination:access',
    'staff:access',
    'case:read',
    'case:create',
    'case:reply',
    'case:flag',
    'case:moderate',
    'case:viewers',
    'case:edit',
    'case:accept',
    'privacy:override',
    'practice:create',
    'practice:edit',
    'practice:publish',
    'practice:mark-useful',
    'course:assign',
    'course:learn',
    'course:analytics',
    'event:create',
    'event:manage',
    'chat:use',
    'chat:create',
    'chat:moderate',
  ],
  trainer: [
    'team:read',
    'case:assign-team',
    'staff:access',
    'case:read',
    'case:create',
    'case:reply',
    'case:flag',
    'practice:create',
    'practice:mark-useful',
    'course:create',
    'course:learn',
    'chat:use',
    'chat:create',
  ],
  staff: [
    'team:read',
    'case:assign-team',
    'staff:access',
    'case:read',
    'case:create',
    'case:reply',
    'case:flag',
    'practice:create',
    'practice:mark-useful',
    'course:learn',
    'chat:use',
    'chat:create',
  ],
}

describe('permission matrix: roles × actions (no resource)', () => {
  for (const role of Object.keys(EXPECTED) as Role[]) {
    for (const action of ACTIONS) {
      const allowed = EXPECTED[role].includes(action)
      it(`${role} ${allowed ? 'may' : 'may not'} ${action}`, () => {
        expect(can(actor(role), action)).toBe(allowed)
      })
    }
  }

  it('nobody signed out may do anything staff-only', () => {
    for (const action of ACTIONS) expect(can(null, action)).toBe(false)
  })
})

describe('resource rules', () => {
  it('lets a team’s members record its rounds and an author edit their round, nobody else', () => {
    const staff = actor('staff')
    expect(can(staff, 'round:record')).toBe(false)
    expect(can(staff, 'round:record', { memberIds: ['someone', staff.id] })).toBe(true)
    expect(can(staff, 'round:record', { memberIds: ['someone'] })).toBe(false)
    expect(can(staff, 'round:record', { authorId: staff.id })).toBe(true)
    expect(can(actor('trainer'), 'round:record', { memberIds: [staff.id] })).toBe(false)
    expect(can(actor('coordinator'), 'round:record', { memberIds: [] })).toBe(true)
  })

  it('lets authors edit their own case but not someone else’s', () => {
    const staff = actor('staff', 'u1')
    expect(can(staff, 'case:edit', { authorId: 'u1' })).toBe(true)
    expect(can(staff, 'case:edit', { authorId: 'u2' })).toBe(false)
  })

  it('lets a trainer edit only their own course, and an admin any', () => {
    expect(can(actor('trainer', 't1'), 'course:edit', { ownerId: 't1' })).toBe(true)
    expect(can(actor('trainer', 't1'), 'course:edit', { ownerId: 't2' })).toBe(false)
    expect(can(actor('staff', 's1'), 'course:edit', { ownerId: 's1' })).toBe(false)
    expect(can(actor('admin'), 'course:edit', { ownerId: 't2' })).toBe(true)
  })

  it('throws a 403 Response when refused', () => {
    try {
      requirePermission(actor('staff'), 'user:manage')
      expect.unreachable()
    } catch (thrown) {
      expect(thrown).toBeInstanceOf(Response)
      expect((thrown as Response).status).toBe(403)
    }
  })
})
