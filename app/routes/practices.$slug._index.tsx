import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'

import { ErrorSummary, FormSubmit, PostButton, PostForm, TextAreaField } from '~/components/forms'
import { BackLink } from '~/components/PageHeader'
import { routeErrorBoundary } from '~/components/RouteError'
import { caseUrl } from '~/features/cases/codes'
import { useT } from '~/features/i18n/useT'
import { getSessionUser, signedIn, type RouteArgs } from '~/features/identity/session.server'
import { districtName } from '~/features/platform/districts'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, NO_INPUT, runIntent } from '~/features/platform/forms.server'
import { dataTitle } from '~/features/platform/meta'
import { routeParam } from '~/features/platform/params'
import { PracticeLanguageTag } from '~/features/practices/PracticeLanguage'
import {
  changePracticeStatus,
  erasePracticeHistory,
  getPracticeForViewer,
  setUseful,
  type WorkflowIntent,
} from '~/features/practices/practices.server'
import { PracticeSections } from '~/features/practices/PracticeSections'
import { ReturnSchema } from '~/features/practices/schemas'
import { labelKey } from '~/features/practices/vocabulary'

export const meta: MetaFunction<typeof loader> = (args) => dataTitle(args, args.data?.practice.title)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request)
  const view = await getPracticeForViewer(user, routeParam(params, 'slug'))
  return view
}

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const slug = routeParam(params, 'slug')
    const useful = (marked: boolean) =>
      intent(NO_INPUT, async () => {
        await setUseful(user, slug, marked)
        return redirect(`/practices/${slug}`)
      })
    const move = (to: WorkflowIntent) =>
      intent(NO_INPUT, async () => {
        const result = await changePracticeStatus(user, slug, to)
        return redirectWithFlash(request, `/practices/${result.slug}`, { key: `practices.flash.${to}` })
      })
    return runIntent(await request.formData(), {
      submit: move('submit'),
      withdraw: move('withdraw'),
      publish: move('publish'),
      archive: move('archive'),
      restore: move('restore'),
      return: intent(ReturnSchema, async ({ comment }) => {
        await changePracticeStatus(user, slug, 'return', comment)
        return redirectWithFlash(request, '/practices', { key: 'practices.flash.return' })
      }),
      useful: useful(true),
      notUseful: useful(false),
      eraseHistory: intent(NO_INPUT, async () => {
        const erased = await erasePracticeHistory(user, slug)
        return redirectWithFlash(request, `/practices/${erased.slug}`, { key: 'practices.flash.revisionsErased' })
      }),
    })
  })

function Intents({ intents }: { intents: WorkflowIntent[] }) {
  const { t, tk } = useT()
  const state = useActionData<typeof action>()
  const simple = intents.filter((i) => i !== 'return')
  if (intents.length === 0) return null
  return (
    <section className="panel practice-workflow" aria-labelledby="workflow-title">
      <h2 id="workflow-title">{t('common.actions')}</h2>
      <ErrorSummary state={state} />
      <div className="row">
        {simple.map((intent) => (
          <PostButton
            key={intent}
            formClassName="inline-form"
            name="intent"
            value={intent}
            className={intent === 'archive' ? 'button button-secondary' : 'button'}
          >
            {tk(`practices.intent.${intent}`)}
          </PostButton>
        ))}
      </div>
      {intents.includes('return') ? (
        <PostForm className="form return-form" schema={ReturnSchema}>
          <TextAreaField
            name="comment"
            label={t('practices.returnComment')}
            hint={t('practices.returnCommentHint')}
            rows={3}
            state={state}
          />
          <FormSubmit name="intent" value="return" className="button button-secondary">
            {t('practices.intent.return')}
          </FormSubmit>
        </PostForm>
      ) : null}
    </section>
  )
}

export default function PracticePage() {
  const { practice: p, authorName, institutionName, caseCodes, revisions, viewer } = useLoaderData<typeof loader>()
  const { t, tk, tp, date, dateTime, locale } = useT()
  const banner =
    p.status === 'draft'
      ? 'practices.draftBanner'
      : p.status === 'submitted'
        ? 'practices.submittedBanner'
        : p.status === 'archived'
          ? 'practices.archivedBanner'
          : null
  return (
    <article className="practice">
      <BackLink to="/practices" label={t('practices.viewAll')} />
      {banner ? (
        <p className="notice" role="status">
          <span className="status">{tk(labelKey.status(p.status))}</span> {tk(banner)}
        </p>
      ) : null}
      {p.status === 'draft' && p.reviewComment ? (
        <section className="panel review-comment" aria-labelledby="review-comment">
          <h2 id="review-comment">{t('practices.reviewComment')}</h2>
          <p className="pre-line">{p.reviewComment}</p>
        </section>
      ) : null}
      <header className="practice-head">
        <h1 lang={p.language}>{p.title}</h1>
        <p className="muted">
          {t('practices.byline', { author: authorName, institution: institutionName })}
          {p.publishedAt ? ` · ${t('practices.publishedOn', { date: date(p.publishedAt) })}` : ''}
          {p.version > 1 ? ` · ${t('practices.updatedOn', { date: date(p.updatedAt) })}` : ''}{' '}
          <PracticeLanguageTag language={p.language} />
        </p>
        {viewer.canEdit ? (
          <p>
            <Link to={`/practices/${p.slug}/edit`} className="button button-secondary button-small">
              {t('common.edit')}
            </Link>
          </p>
        ) : null}
      </header>
      <p className="lead" lang={p.language}>
        {p.summary}
      </p>

      <dl className="practice-facts">
        {p.situationTags.length ? (
          <>
            <dt>{t('practices.field.situationTags')}</dt>
            <dd>{p.situationTags.map((v) => tk(labelKey.tag(v))).join(', ')}</dd>
          </>
        ) : null}
        {p.ageBands.length || p.educationStages.length ? (
          <>
            <dt>{t('practices.field.targetGroup')}</dt>
            <dd>
              {[
                ...p.ageBands.map((v) => tk(labelKey.ageBand(v))),
                ...p.educationStages.map((v) => tk(labelKey.stage(v))),
              ].join(', ')}
            </dd>
          </>
        ) : null}
        {p.institutionKinds.length ? (
          <>
            <dt>{t('practices.field.institutionKinds')}</dt>
            <dd>{p.institutionKinds.map((v) => tk(labelKey.kind(v))).join(', ')}</dd>
          </>
        ) : null}
        {p.districts.length ? (
          <>
            <dt>{t('practices.field.districts')}</dt>
            <dd>{p.districts.map((d) => districtName(d, locale)).join(', ')}</dd>
          </>
        ) : null}
      </dl>

      <PracticeSections sections={p.sections} language={p.language} />

      <section className="panel useful" aria-labelledby="useful-title">
        <h2 id="useful-title" className="visually-hidden">
          {t('practices.sort.useful')}
        </h2>
        <p>{tp('practices.useful', p.usefulCount)}</p>
        {viewer.canMarkUseful ? (
          <PostButton
            name="intent"
            value={viewer.marked ? 'notUseful' : 'useful'}
            className={viewer.marked ? 'button button-secondary' : 'button'}
          >
            {viewer.marked ? t('practices.unmarkUseful') : t('practices.markUseful')}
          </PostButton>
        ) : null}
      </section>

      {caseCodes.length ? (
        <section className="panel" aria-labelledby="linked-cases">
          <h2 id="linked-cases">{t('practices.linkedCases')}</h2>
          <p className="muted">{t('practices.linkedCasesNote')}</p>
          <ul>
            {caseCodes.map((code) => (
              <li key={code}>
                <Link to={caseUrl(code)}>{code}</Link>
                {code === p.sourceCaseCode ? (
                  <span className="muted"> — {t('practices.fromCase', { code })}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {revisions.length ? (
        <section className="panel" aria-labelledby="revisions">
          <h2 id="revisions">{t('practices.revisions')}</h2>
          <p className="muted">{t('practices.currentVersion', { version: p.version })}</p>
          {viewer.canEraseHistory ? (
            <>
              <p className="muted" id="revisions-erase-hint">
                {t('practices.eraseRevisionsHint')}
              </p>
              <PostButton
                name="intent"
                value="eraseHistory"
                className="button button-small button-danger"
                aria-describedby="revisions revisions-erase-hint"
                confirm={t('practices.eraseRevisionsConfirm')}
              >
                {t('practices.eraseRevisions')}
              </PostButton>
            </>
          ) : null}
          <ul>
            {revisions.map((r) => (
              <li key={r.version}>
                <Link to={`/practices/${p.slug}/revisions/${r.version}`}>
                  {t('practices.revisionBy', {
                    version: r.version,
                    date: dateTime(r.createdAt),
                    editor: r.editorName ?? t('common.none'),
                  })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <Intents intents={viewer.intents} />
    </article>
  )
}

export const ErrorBoundary = routeErrorBoundary('practices')
