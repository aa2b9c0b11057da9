import type { MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'

import { DataTable } from '~/components/DataTable'
import { FilterBar, FilterButtons, FilterSearch, FilterSelect } from '~/components/filters'
import { ErrorSummary, Options, PostButton } from '~/components/forms'
import { useT } from '~/features/i18n/useT'
import {
  changeRole,
  listUsers,
  revokeSessionsOf,
  setUserActive,
  setUserPosition,
} from '~/features/identity/accounts.server'
import { PositionSchema, RoleSchema, UserIdSchema } from '~/features/identity/schemas'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'
import { queryChoice } from '~/features/platform/params'
import { POSITIONS, ROLES, USER_STATUSES } from '../../db/schema/identity'

export const meta: MetaFunction = (args) => pageTitle(args, 'admin.users')

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, request }) => {
    const url = new URL(request.url)
    const status = queryChoice(url, 'status', USER_STATUSES)
    const rows = await listUsers(user, { q: url.searchParams.get('q') ?? undefined, status })
    return { rows, me: user.id, q: url.searchParams.get('q') ?? '', status: status ?? '' }
  })

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request }) => {
    const url = new URL(request.url)
    const back = url.pathname + url.search
    const active = (on: boolean) =>
      intent(UserIdSchema, async ({ userId }) => {
        await setUserActive(user, userId, on)
        return redirectWithFlash(request, back, { key: 'admin.users.statusChanged' })
      })
    return runIntent(await request.formData(), {
      role: intent(RoleSchema, async ({ userId, role }) => {
        await changeRole(user, userId, role)
        return redirectWithFlash(request, back, { key: 'admin.users.roleChanged' })
      }),
      position: intent(PositionSchema, async ({ userId, ...input }) => {
        await setUserPosition(user, userId, input)
        return redirectWithFlash(request, back, { key: 'common.saved' })
      }),
      revoke: intent(UserIdSchema, async ({ userId }) =>
        redirectWithFlash(request, back, {
          key: 'admin.users.revoked',
          params: { count: await revokeSessionsOf(user, userId) },
        }),
      ),
      enable: active(true),
      disable: active(false),
    })
  })

export default function Users() {
  const { rows, me, q, status } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t, tk, enumOptions } = useT()
  return (
    <section>
      <h1>{t('admin.users')}</h1>
      <ErrorSummary state={state} />
      <FilterBar
        values={{ q, status }}
        prefix="users"
        className="row panel filter-bar"
        role="search"
        aria-label={t('admin.users.filter')}
      >
        <FilterSearch label={t('admin.users.filter')} />
        <FilterSelect name="status" label={t('common.status')} values={USER_STATUSES} labelKey="status" />
        <FilterButtons apply={t('common.filter')} className="button button-small" />
      </FilterBar>
      <DataTable
        caption={t('admin.users')}
        rows={rows}
        columns={[
          {
            header: t('auth.field.name'),
            cell: (u) =>
              u.status === 'anonymised' ? (
                u.name
              ) : (
                <>
                  {u.name}
                  <br />
                  <span className="muted">{u.email}</span>
                </>
              ),
          },
          {
            header: t('auth.field.institution'),
            cell: (u) => (
              <>
                {u.institutionName}
                {u.teamName ? <div className="muted">{u.teamName}</div> : null}
              </>
            ),
          },
          {
            header: t('auth.field.position'),
            cell: (u) =>
              u.status === 'anonymised' ? null : (
                <UserForm intent="position" userId={u.id} submit={t('admin.users.savePosition')}>
                  <label htmlFor={`position-kind-${u.id}`} className="visually-hidden">
                    {t('auth.field.position')}: {u.name}
                  </label>
                  <select id={`position-kind-${u.id}`} name="positionKind" defaultValue={u.positionKind}>
                    <Options options={enumOptions(POSITIONS, 'position')} />
                  </select>
                  <label htmlFor={`position-detail-${u.id}`} className="visually-hidden">
                    {t('auth.field.positionDetail')}: {u.name}
                  </label>
                  <input id={`position-detail-${u.id}`} name="position" defaultValue={u.position} maxLength={120} />
                </UserForm>
              ),
          },
          { header: t('common.status'), cell: (u) => tk(`status.${u.status}`) },
          {
            header: t('admin.users.role'),
            cell: (u) =>
              u.id === me || u.status === 'anonymised' ? (
                tk(`role.${u.role}`)
              ) : (
                <UserForm intent="role" userId={u.id} submit={t('admin.users.changeRole')}>
                  <label htmlFor={`role-${u.id}`} className="visually-hidden">
                    {t('admin.users.role')}: {u.name}
                  </label>
                  <select id={`role-${u.id}`} name="role" defaultValue={u.role}>
                    <Options options={enumOptions(ROLES, 'role')} />
                  </select>
                </UserForm>
              ),
          },
          {
            header: t('common.actions'),
            cell: (u) =>
              u.id === me || u.status === 'anonymised' ? null : (
                <div className="row">
                  <PostButton
                    fields={{ userId: u.id }}
                    name="intent"
                    value="revoke"
                    className="button button-small button-secondary"
                  >
                    {t('admin.users.revoke')}
                  </PostButton>
                  {u.status === 'approved' || u.status === 'disabled' ? (
                    <PostButton
                      fields={{ userId: u.id }}
                      name="intent"
                      value={u.status === 'approved' ? 'disable' : 'enable'}
                      className="button button-small button-secondary"
                    >
                      {t(u.status === 'approved' ? 'admin.users.disable' : 'admin.users.enable')}
                    </PostButton>
                  ) : null}
                  {u.status === 'disabled' || u.status === 'rejected' ? (
                    <Link to={`/admin/users/${u.id}/erase`} className="button button-small button-danger">
                      {t('admin.users.anonymise')}
                      <span className="visually-hidden"> {u.name}</span>
                    </Link>
                  ) : null}
                </div>
              ),
          },
        ]}
      />
    </section>
  )
}

/** A form of one user's row (their position, their role): the choices, then the button. */
function UserForm({
  intent,
  userId,
  submit,
  children,
}: {
  intent: string
  userId: string
  submit: string
  children: ReactNode
}) {
  return (
    <Form method="post" className="row">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="userId" value={userId} />
      {children}
      <button type="submit" className="button button-small button-secondary">
        {submit}
      </button>
    </Form>
  )
}
