import { redirect, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigate, useNavigation } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'

import {
  ErrorSummary,
  FormSubmit,
  PostForm,
  PostLinkButton,
  SelectField,
  sentText,
  TextField,
  type FormState,
} from '~/components/forms'
import { Pagination } from '~/components/Pagination'
import { PageHtml } from '~/components/RichText'
import { RichTextEditor } from '~/components/RichTextEditor'
import { routeErrorBoundary } from '~/components/RouteError'
import { ActionPlan } from '~/features/actions/ActionPlan'
import { createCaseAction, loadActionPlan } from '~/features/actions/actions.server'
import { actionRowIntents, redactActionForm } from '~/features/actions/intents.server'
import { ActionSchema } from '~/features/actions/schemas'
import { CaseStatusBadge, CaseTags } from '~/features/cases/CaseBadges'
import {
  acceptReply,
  changeCaseStatus,
  postCaseReply,
  redactReplyForm,
  setWatching,
} from '~/features/cases/cases.server'
import { CaseSwitch } from '~/features/cases/CaseSwitch'
import { caseUrl } from '~/features/cases/codes'
import { MentionField } from '~/features/cases/MentionField'
import { setCaseLocked, setPostHidden } from '~/features/cases/moderation.server'
import { loadCasePage } from '~/features/cases/page.server'
import { replyListHtml } from '~/features/cases/reply-list.server'
import { ReplyFindings } from '~/features/cases/ReplyFindings'
import { PostBody, ReplyForms } from '~/features/cases/ReplyItem'
import { AcceptSchema, PostSchema, ReplySchema, StatusSchema } from '~/features/cases/schemas'
import { resolveLocale } from '~/features/i18n/locale.server'
import { useT } from '~/features/i18n/useT'
import { can } from '~/features/identity/permissions'
import { positionText } from '~/features/identity/position'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { districtName } from '~/features/platform/districts'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { useFollowLinks } from '~/features/platform/follow-links'
import { intent, NO_INPUT, runIntent } from '~/features/platform/forms.server'
import { dataTitle } from '~/features/platform/meta'
import { pageOnlyHtml } from '~/features/platform/page-html.server'
import { queryInt, routeParam } from '~/features/platform/params'
import { readPrivacyOverride } from '~/features/privacy/guard.server'
import { useLiveTexts } from '~/features/privacy/PrivacyFindings'
import { setCaseTeam, teamsOfCase } from '~/features/teams/case-teams.server'
import { CaseTeamSchema } from '~/features/teams/schemas'
import { CASE_OUTCOMES } from '../../db/schema/cases'

export const meta: MetaFunction<typeof loader> = (args) =>
  dataTitle(args, args.data ? `${args.data.thread.code} ${args.data.thread.title ?? ''}`.trim() : undefined)

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params, context }) => {
    const url = new URL(request.url)
    const code = routeParam(params, 'code')
    const query = { page: queryInt(url, 'page'), reply: queryInt(url, 'reply'), quote: queryInt(url, 'quote') }
    const { replies, ...page } = await loadCasePage(user, code, query, context)
    const [plan, teams, locale] = await Promise.all([
      loadActionPlan(user, page.thread),
      teamsOfCase(user, page.thread),
      resolveLocale(request, user),
    ])
    // The replies go as one piece of markup (kept per reply: replyListHtml), in the page only when the server renders
    // it.
    const replyList = {
      shown: replies.length,
      html: pageOnlyHtml(context, 'replies', replyListHtml({ ...page, replies }, locale)),
    }
    return { ...page, replyList, plan, teams, canAssignTeams: can(user, 'case:assign-team') }
  })

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const code = routeParam(params, 'code')
    const done = (key: string, to = caseUrl(code)) => redirectWithFlash(request, to, { key })
    const hidden = (hide: boolean) =>
      intent(PostSchema, async ({ replyId }) => {
        await setPostHidden(user, code, { replyId, hidden: hide })
        return done(hide ? 'cases.moderation.hidden' : 'cases.moderation.unhidden')
      })
    const locked = (lock: boolean) =>
      intent(NO_INPUT, async () => {
        await setCaseLocked(user, code, lock)
        return done(lock ? 'cases.moderation.locked' : 'cases.moderation.unlocked')
      })
    const watching = (watch: boolean) =>
      intent(NO_INPUT, async () => {
        await setWatching(user, code, watch)
        return redirect(caseUrl(code))
      })
    return runIntent(await request.formData(), {
      redact: intent(NO_INPUT, (_, form) =>
        form.has('body') ? redactReplyForm(user, form) : redactActionForm(form, user),
      ),
      'action-add': intent(ActionSchema, async (input, form) => {
        const created = await createCaseAction(user, code, input, { privacyOverride: readPrivacyOverride(form) })
        return done('actions.flash.created', caseUrl(code, { anchor: `action-${created.id}` }))
      }),
      ...actionRowIntents(request, user, caseUrl(code, { anchor: 'action-plan' })),
      reply: intent(ReplySchema, async ({ body, quotedReplyId, mentions }, form) => {
        const posted = await postCaseReply(
          user,
          code,
          { body, quotedReplyId, mentionIds: mentions },
          { privacyOverride: readPrivacyOverride(form) },
        )
        return done('cases.replies.posted', posted.url)
      }),
      status: intent(StatusSchema, async (input) => {
        await changeCaseStatus(user, code, input)
        return done('cases.status.changed')
      }),
      accept: intent(AcceptSchema, async ({ replyId }) => {
        await acceptReply(user, code, replyId)
        return done('cases.solution.marked')
      }),
      unaccept: intent(NO_INPUT, async () => {
        await acceptReply(user, code, null)
        return done('cases.solution.unmarked')
      }),
      assignTeam: intent(CaseTeamSchema, async ({ teamId }) => {
        await setCaseTeam(user, code, teamId, true)
        return done('teams.case.flash.assigned')
      }),
      removeTeam: intent(CaseTeamSchema, async ({ teamId }) => {
        await setCaseTeam(user, code, teamId, false)
        return done('teams.case.flash.removed')
      }),
      watch: watching(true),
      unwatch: watching(false),
      hide: hidden(true),
      unhide: hidden(false),
      lock: locked(true),
      unlock: locked(false),
    })
  })

function StatusForm({
  transitions,
  state,
  askOverride,
}: {
  transitions: readonly string[]
  state?: FormState | null
  /** A coordinator may close over unanswered retention checks, with a reason. */
  askOverride: boolean
}) {
  const { t, enumOptions } = useT()
  const mine = state?.values?.intent === 'status' ? state : null
  const [status, setStatus] = useState(sentText(mine, 'status') ?? transitions[0] ?? '')
  return (
    <PostForm className="form status-form" state={mine} schema={StatusSchema}>
      <SelectField
        name="status"
        label={t('cases.field.status')}
        defaultValue={status}
        onChange={(e) => setStatus(e.currentTarget.value)}
        options={enumOptions(transitions, 'cases.status')}
      />
      <SelectField
        name="outcome"
        label={t('cases.field.outcome')}
        hint={t('cases.status.outcomeHint')}
        required={status === 'resolved'}
        placeholder=""
        options={enumOptions(CASE_OUTCOMES, 'cases.outcome')}
      />
      {askOverride ? (
        <TextField
          name="overrideReason"
          label={t('actions.field.overrideReason')}
          hint={t('actions.field.overrideHint')}
        />
      ) : null}
      <FormSubmit name="intent" value="status" className="button button-secondary">
        {t('cases.status.change')}
      </FormSubmit>
    </PostForm>
  )
}

/**
 * Counts this form's successful posts (with JavaScript the page stays mounted after the redirect),
 * so the composer starts empty again; a refused post keeps its text.
 */
function usePostedCount(intent: string, actionData: unknown) {
  const navigation = useNavigation()
  const [count, setCount] = useState(0)
  const sending = useRef(false)
  useEffect(() => {
    if (navigation.state !== 'idle' && navigation.formData?.get('intent') === intent) sending.current = true
    else if (navigation.state === 'idle' && sending.current) {
      sending.current = false
      if (!actionData) setCount((n) => n + 1)
    }
  }, [navigation.state, navigation.formData, intent, actionData])
  return count
}

function ReplyForm({
  code,
  quoting,
  state,
}: {
  code: string
  quoting: { id: string; number: number; authorName: string } | null
  state?: FormState | null
}) {
  const { t } = useT()
  const fromActionForm = state?.values?.form === 'action' || !!state?.values?.actionId
  const mine =
    !fromActionForm && (state?.values?.intent === 'reply' || state?.values?.intent === 'redact' || state?.privacy)
      ? state
      : null
  const { liveTexts, report } = useLiveTexts(mine)
  const posted = usePostedCount('reply', state)
  const quotedId = sentText(mine, 'quotedReplyId') ?? quoting?.id
  return (
    <PostForm
      className="form panel"
      id="reply-form"
      preventScrollReset
      heading={<h2 id="reply-form-title">{t('cases.replies.add')}</h2>}
      state={mine}
    >
      {quotedId && quoting ? (
        <p className="row">
          <span>{t('cases.replies.quoting', { number: quoting.number, name: quoting.authorName })}</span>
          <Link to={`${caseUrl(code)}#reply-form`}>{t('cases.replies.cancelQuote')}</Link>
        </p>
      ) : null}
      {quotedId ? <input type="hidden" name="quotedReplyId" value={quotedId} /> : null}
      <RichTextEditor
        key={`body-${posted}-${mine?.privacy?.nonce ?? 0}`}
        name="body"
        label={t('cases.field.reply')}
        hint={t('cases.field.replyHint')}
        state={mine}
        required
        rows={6}
        onTextChange={report('body')}
      />
      <MentionField key={`mentions-${posted}`} />
      <FormSubmit name="intent" value="reply">
        {t('cases.replies.submit')}
      </FormSubmit>
      <ReplyFindings state={mine} liveTexts={liveTexts} headingLevel={3} idPrefix="reply-privacy" />
    </PostForm>
  )
}

/**
 * A link to a reply made when pages were longer (`?page=2#reply-150` in an older e-mail) opens the page the reply is
 * on now.
 */
function useReplyAnchor(code: string, replyCount: number) {
  const navigate = useNavigate()
  useEffect(() => {
    const number = Number(/^#reply-(\d+)$/.exec(window.location.hash)?.[1] ?? 0)
    if (number > 0 && number <= replyCount && !document.getElementById(`reply-${number}`))
      navigate(caseUrl(code, { reply: number }), { replace: true })
  }, [code, replyCount, navigate])
}

export default function CasePage() {
  const data = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t, tk, tp, dateTime, locale } = useT()
  const { thread, replyList, page, pages, permissions, firstUnread, quoting, transitions } = data
  const followLinks = useFollowLinks()
  const code = thread.code
  useReplyAnchor(code, thread.replyCount)
  const generalError =
    state &&
    !state.privacy &&
    !['status', 'reply', 'redact', 'action-add', 'action-drop', 'check-answer'].includes(
      sentText(state, 'intent') ?? '',
    )
      ? state
      : null
  return (
    <article className="case-page" aria-labelledby="case-title">
      <p className="breadcrumbs">
        <Link to="/cases">{t('cases.title')}</Link> / <span className="case-code">{code}</span>
      </p>
      <h1 id="case-title">
        <span className="case-code">{code}</span> {thread.title ?? t('cases.hidden.title')}
      </h1>
      <ErrorSummary state={generalError} />
      <div className="row case-meta">
        <CaseStatusBadge status={thread.status} outcome={thread.outcome} />
        {thread.lockedAt ? <span className="status">🔒 {t('cases.list.locked')}</span> : null}
        <span className="muted">
          {t('cases.meta.author', {
            name: [
              thread.authorName,
              positionText(tk, { positionKind: thread.authorPositionKind, position: thread.authorPosition }),
            ]
              .filter(Boolean)
              .join(', '),
            institution: thread.institutionName,
          })}
        </span>
        <time className="muted" dateTime={new Date(thread.createdAt).toISOString()}>
          {dateTime(thread.createdAt)}
        </time>
      </div>
      {thread.lockedAt ? <p className="panel notice">{t('cases.locked.notice')}</p> : null}

      <div className="case-layout">
        <div className="case-main">
          <section id="case-description" className="panel case-description" aria-label={t('cases.field.description')}>
            {thread.hiddenAt ? (
              <p className="status status-bad">
                {thread.description ? t('cases.hidden.visibleToYou') : t('cases.hidden.post')}
              </p>
            ) : null}
            {thread.description ? (
              <PostBody body={thread.description} pageKey="description" cards={data.practiceCards} />
            ) : null}
            <div className="row reply-actions">
              {thread.editedAt ? <span className="muted">{t('cases.meta.edited')}</span> : null}
              {permissions.edit ? <Link to={`/cases/${encodeURIComponent(code)}/edit`}>{t('common.edit')}</Link> : null}
              {permissions.history && thread.editedAt ? (
                <Link to={`/cases/${encodeURIComponent(code)}/history`}>{t('cases.meta.history')}</Link>
              ) : null}
              {permissions.flag ? (
                <Link to={`/cases/${encodeURIComponent(code)}/flag`}>{t('cases.flag.opening')}</Link>
              ) : null}
              {thread.status === 'resolved' ? (
                <Link to={`/practices/new?fromCase=${encodeURIComponent(code)}`}>{t('practices.shareFromCase')}</Link>
              ) : null}
              {permissions.moderate ? (
                <CaseSwitch on={!!thread.hiddenAt} intent="hide" className="link-button" formClassName="inline-form" />
              ) : null}
            </div>
          </section>

          {thread.accepted ? (
            <section className="panel solution" aria-labelledby="solution-title">
              <h2 id="solution-title">✓ {t('cases.solution.title')}</h2>
              <p className="muted">
                {t('cases.solution.by', { number: thread.accepted.number, name: thread.accepted.authorName })}
              </p>
              {thread.accepted.body ? (
                <PostBody body={thread.accepted.body} pageKey="accepted" cards={data.practiceCards} />
              ) : null}
              <p>
                <a href={caseUrl(code, { reply: thread.accepted.number })}>{t('cases.solution.jump')}</a>
              </p>
            </section>
          ) : null}

          <ActionPlan plan={data.plan} returnTo={caseUrl(code, { anchor: 'action-plan' })} state={state} />

          <section aria-labelledby="replies-title">
            <div className="row">
              <h2 id="replies-title">{t('cases.replies.title')}</h2>
              <span className="muted">{tp('cases.replies.count', thread.replyCount)}</span>
              {firstUnread ? (
                <a href={caseUrl(code, { reply: firstUnread.number })}>{t('cases.replies.firstUnread')}</a>
              ) : null}
              {pages > 1 && page < pages ? (
                <a href={caseUrl(code, { reply: thread.replyCount })}>{t('cases.replies.latest')}</a>
              ) : null}
            </div>
            {replyList.shown === 0 ? <p className="muted">{t('cases.replies.none')}</p> : null}
            {/* Markup the server rendered: the handler follows its links as <Link> would (Enter on a link clicks). */}
            <PageHtml as="ol" className="replies" html={replyList.html} pageKey="replies" onClick={followLinks} />
            <Pagination page={page} perPage={data.pageSize} total={thread.replyCount} />
            <ReplyForms permissions={permissions} />
          </section>

          {permissions.reply ? <ReplyForm code={code} quoting={quoting} state={state} /> : null}
        </div>

        <aside className="case-side" aria-label={t('cases.meta.details')}>
          <section className="panel">
            <h2>{t('cases.meta.details')}</h2>
            <dl className="facts">
              <dt>{t('cases.field.district')}</dt>
              <dd>{districtName(thread.districtCode, locale) || t('common.none')}</dd>
              <dt>{t('cases.field.ageBand')}</dt>
              <dd>{tk(`cases.age.${thread.ageBand}`)}</dd>
              <dt>{t('cases.field.stage')}</dt>
              <dd>{tk(`cases.stage.${thread.educationStage}`)}</dd>
              <dt>{t('cases.field.tags')}</dt>
              <dd>{thread.tags.length ? <CaseTags tags={thread.tags} /> : t('common.none')}</dd>
              <dt>{t('cases.meta.involved')}</dt>
              <dd>
                <ul className="plain-list">
                  {thread.involved.map((i) => (
                    <li key={i.id}>{i.name}</li>
                  ))}
                </ul>
              </dd>
            </dl>
          </section>

          <section className="panel">
            <h2>{t('cases.status.title')}</h2>
            <p>
              <CaseStatusBadge status={thread.status} outcome={thread.outcome} />
            </p>
            {thread.statusByName ? (
              <p className="muted">
                {t('cases.meta.statusBy', {
                  status: tk(`cases.status.${thread.status}`),
                  name: thread.statusByName,
                  date: dateTime(thread.statusChangedAt),
                })}
              </p>
            ) : null}
            {permissions.status ? (
              <StatusForm
                key={thread.status}
                transitions={transitions}
                state={state}
                askOverride={data.plan.canOverrideClose && data.plan.openChecks > 0}
              />
            ) : null}
            {thread.statusHistory.length ? (
              <details>
                <summary>{t('cases.status.history')}</summary>
                <ol className="plain-list">
                  {thread.statusHistory.map((s, i) => (
                    <li key={i}>
                      {tk(`cases.status.${s.from}`)} → {tk(`cases.status.${s.to}`)}
                      {s.outcome ? ` (${tk(`cases.outcome.${s.outcome}`)})` : ''} — {s.actorName}, {dateTime(s.at)}
                    </li>
                  ))}
                </ol>
              </details>
            ) : null}
          </section>

          <section className="panel" aria-labelledby="case-teams-title">
            <h2 id="case-teams-title">{t('teams.case.title')}</h2>
            {data.teams.assigned.length === 0 ? <p className="muted">{t('teams.case.none')}</p> : null}
            <ul className="plain-list">
              {data.teams.assigned.map((team) => (
                <li key={team.id} className="row">
                  <Link to={`/teams/${team.slug}`}>{team.name}</Link>
                  {data.canAssignTeams ? (
                    <PostLinkButton fields={{ teamId: team.id }} name="intent" value="removeTeam">
                      {t('teams.case.remove')}
                      <span className="visually-hidden"> — {team.name}</span>
                    </PostLinkButton>
                  ) : null}
                </li>
              ))}
            </ul>
            {data.canAssignTeams && data.teams.available.length > 0 ? (
              <Form method="post" className="form">
                <div className="field">
                  <label htmlFor="case-team">{t('teams.case.team')}</label>
                  <select id="case-team" name="teamId" required>
                    {data.teams.available.map((team) => (
                      <option key={team.id} value={team.id}>
                        {team.name}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <button
                    type="submit"
                    name="intent"
                    value="assignTeam"
                    className="button button-secondary button-small"
                  >
                    {t('teams.case.assign')}
                  </button>
                </div>
              </Form>
            ) : null}
          </section>

          <section className="panel">
            <h2>{t('cases.watch.title')}</h2>
            <p className="muted">
              {t(thread.watching ? 'cases.watch.watching' : 'cases.watch.notWatching')}{' '}
              {tp('cases.watch.count', thread.watcherCount)}
            </p>
            <CaseSwitch on={thread.watching} intent="watch" className="button button-secondary button-small" />
          </section>

          {permissions.moderate || permissions.viewers ? (
            <section className="panel">
              <h2>{t('cases.moderation.tools')}</h2>
              <ul className="plain-list">
                {permissions.viewers ? (
                  <li>
                    <Link to={`/cases/${encodeURIComponent(code)}/viewers`}>{t('cases.meta.viewers')}</Link>
                  </li>
                ) : null}
                {permissions.history ? (
                  <li>
                    <Link to={`/cases/${encodeURIComponent(code)}/history`}>{t('cases.meta.history')}</Link>
                  </li>
                ) : null}
                {permissions.moderate ? (
                  <li>
                    <Link to="/cases/moderation">{t('cases.moderation.queueLink', { count: thread.openFlags })}</Link>
                  </li>
                ) : null}
              </ul>
              {permissions.moderate ? (
                <CaseSwitch on={!!thread.lockedAt} intent="lock" className="button button-secondary button-small" />
              ) : null}
            </section>
          ) : null}
        </aside>
      </div>
    </article>
  )
}

export const ErrorBoundary = routeErrorBoundary('cases')
