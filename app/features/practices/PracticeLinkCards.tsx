import { Link } from '@remix-run/react'

import { useT } from '../i18n/useT'
import type { PracticeCard } from './links'
import { PracticeLanguageTag } from './PracticeLanguage'

const SUMMARY_MAX = 220

/**
 * The good practices a post links to (`linkedPracticeSlugs`, stored with the post), as cards under it (like a forum's
 * link preview).
 */
export function PracticeLinkCards({ slugs, cards }: { slugs: readonly string[]; cards: Record<string, PracticeCard> }) {
  const { t, tk } = useT()
  const shown = slugs.flatMap((slug) => (cards[slug] ? [cards[slug]] : []))
  if (shown.length === 0) return null
  return (
    <ul className="practice-link-cards" aria-label={t('practices.linkCards.label')}>
      {shown.map((card) => (
        <li key={card.slug} className="card practice-link-card">
          <p className="muted practice-link-card-kind">
            {t('practices.linkCards.kind')}
            {card.status !== 'published' ? ` · ${tk(`practices.status.${card.status}`)}` : ''}{' '}
            <PracticeLanguageTag language={card.language} />
          </p>
          <p className="practice-link-card-title" lang={card.language}>
            <Link to={`/practices/${card.slug}`}>{card.title}</Link>
          </p>
          <p lang={card.language}>
            {card.summary.length > SUMMARY_MAX ? `${card.summary.slice(0, SUMMARY_MAX).trimEnd()}…` : card.summary}
          </p>
          {card.usefulCount > 0 ? (
            <p className="muted">{t('practices.useful.short', { count: card.usefulCount })}</p>
          ) : null}
        </li>
      ))}
    </ul>
  )
}
