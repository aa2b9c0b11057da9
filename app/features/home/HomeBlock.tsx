import { Link } from '@remix-run/react'

import { TextWithPart } from '../i18n/TextWithPart'
import { useT } from '../i18n/useT'
import { PracticeLanguageTag } from '../practices/PracticeLanguage'
import type { HomeBlockData, HomeItem, HomeText } from './types'

/** One block of the home page: a heading, optional totals, a list of links (or a line saying there is nothing). */
export function HomeBlock({ block }: { block: HomeBlockData }) {
  const { tk, date, dateTime, number } = useT()
  const text = (value: string | HomeText) => (typeof value === 'string' ? value : tk(value.key, value.params))
  const label = ({ label, lang }: HomeItem) => {
    if (!lang) return text(label)
    if (typeof label === 'string') return <span lang={lang}>{label}</span>
    const { title = '', ...params } = label.params ?? {}
    return <TextWithPart text={tk(label.key, params)} name="title" part={String(title)} lang={lang} />
  }
  const headingId = `home-${block.id}`
  return (
    <section className="card home-block" aria-labelledby={headingId} data-block={block.id}>
      <h2 id={headingId}>{tk(block.titleKey, block.titleParams)}</h2>
      {block.counts ? (
        <ul className="home-counts">
          {block.counts.map((c) => (
            <li key={c.key}>
              <Link to={c.href}>
                <strong>{typeof c.count === 'number' ? number(c.count) : c.count}</strong> {tk(c.key)}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {block.items.length === 0 ? (
        <p className="muted">{tk(block.emptyKey)}</p>
      ) : (
        <ul className="home-items">
          {block.items.map((item, i) => (
            <li key={`${item.href}-${i}`}>
              <Link to={item.href}>{label(item)}</Link>
              {item.lang ? (
                <>
                  {' '}
                  <PracticeLanguageTag language={item.lang} />
                </>
              ) : null}
              {item.at || item.day || item.note ? (
                <span className="muted home-item-meta">
                  {item.at ? <time dateTime={item.at}>{dateTime(item.at)}</time> : null}
                  {item.day ? <time dateTime={item.day}>{date(item.day)}</time> : null}
                  {(item.at || item.day) && item.note ? ' · ' : null}
                  {item.note ? text(item.note) : null}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {block.more ? (
        <p className="home-more">
          <Link to={block.more.href}>{tk(block.more.labelKey)}</Link>
        </p>
      ) : null}
    </section>
  )
}
