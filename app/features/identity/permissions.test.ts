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
    'case:erase-history',
    'case:edit',
    'case:accept',
    'case:close-override',
    'case-action:create',
    'case-action:update',
    'case-action:answer',
    'case-action:indicators',
    'privacy:override',
    'practice:create',
    'practice:edit',
    'practice:publish',
    'practice:erase-history',
    'practice:mark-useful',
    'course:assign',
    'course:learn',
    'course:analytics',
    'event:create',
    'event:manage',
    'event:register-family',
    'chat:use',
    'chat:create',
    'chat:moderate',
    'foreign-round:manage',
    'report:read',
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
    'event:register-family',
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
    'event:register-family',
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

  it('lets the case author and staff of its institutions plan actions, nobody else', () => {
    const staff = actor('staff')
    expect(can(staff, 'case-action:create', { authorId: staff.id, institutionIds: ['other'] })).toBe(true)
    expect(can(staff, 'case-action:create', { authorId: 'x', institutionIds: ['other', 'inst-1'] })).toBe(true)
    expect(can(staff, 'case-action:create', { authorId: 'x', institutionIds: ['other'] })).toBe(false)
    expect(can(actor('trainer'), 'case-action:create', { authorId: 'x', institutionIds: [] })).toBe(false)
  })

  it('lets an action’s owner, its owning institution and its creator update it, nobody else', () => {
    const staff = actor('staff')
    expect(can(staff, 'case-action:update', { ownerId: staff.id })).toBe(true)
    expect(can(staff, 'case-action:update', { authorId: staff.id, ownerId: 'x' })).toBe(true)
    expect(can(staff, 'case-action:update', { ownerId: null, institutionId: 'inst-1' })).toBe(true)
    expect(can(staff, 'case-action:update', { ownerId: 'x', authorId: 'y', institutionId: 'inst-2' })).toBe(false)
  })

  it('lets only the school of a retention check answer it (and coordinators)', () => {
    expect(can(actor('staff'), 'case-action:answer', { institutionId: 'inst-1' })).toBe(true)
    expect(can(actor('staff'), 'case-action:answer', { institutionId: 'inst-2' })).toBe(false)
    expect(can(actor('coordinator'), 'case-action:answer', { institutionId: 'inst-2' })).toBe(true)
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
