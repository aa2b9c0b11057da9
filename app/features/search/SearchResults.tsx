import { Link } from '@remix-run/react'

import type { Locale } from '../../../db/schema/identity'
import type { FacetCounts, SearchHit } from '../../../search/engine'
import { highlightSegments } from '../../../search/highlight'
import { useT } from '../i18n/useT'
import { districtName } from '../platform/districts'
import { PracticeLanguageTag } from '../practices/PracticeLanguage'
import { labelKey } from '../practices/vocabulary'

/** Highlighted text from the search engine, rendered without innerHTML. */
export function Highlighted({ html }: { html: string }) {
  return (
    <>
      {highlightSegments(html).map((s, i) =>
        s.marked ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>,
      )}
    </>
  )
}

/**
 * One search result: type, highlighted title and snippet, tags and districts. A practice's `language` marks its
 * title and snippet (and is tagged when it is not the page's).
 */
export function SearchHitItem({
  hit,
  headingLevel = 2,
  showType = true,
  language,
}: {
  hit: SearchHit
  headingLevel?: 2 | 3
  showType?: boolean
  language?: Locale
}) {
  const { tk, locale, date, tp } = useT()
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <li className="search-hit card">
      {showType ? <span className="tag search-hit-type">{tk(`search.type.${hit.type}`)}</span> : null}
      <Heading className="search-hit-title" lang={language}>
        <Link to={hit.url}>
          <Highlighted html={hit.titleHighlighted} />
        </Link>
      </Heading>
      {hit.snippet ? (
        <p className="search-hit-snippet" lang={language}>
          <Highlighted html={hit.snippet} />
        </p>
      ) : null}
      <p className="row muted search-hit-meta">
        {language ? <PracticeLanguageTag language={language} /> : null}
        {hit.date ? <span>{date(hit.date)}</span> : null}
        {hit.type === 'practice' && hit.popularity > 0 ? <span>{tp('practices.useful', hit.popularity)}</span> : null}
        {hit.districts.slice(0, 3).map((d) => (
          <span key={d}>{districtName(d, locale)}</span>
        ))}
      </p>
      {hit.tags.length ? (
        <ul className="tag-list" aria-label={tk('search.facet.tags')}>
          {hit.tags.slice(0, 5).map((tag) => (
            <li key={tag} className="tag">
              {tk(labelKey.tag(tag))}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  )
}

interface FacetGroupProps {
  name: string
  legend: string
  counts: Record<string, number>
  selected: string[]
  label: (value: string) => string
}

/** A facet as checkboxes with counts; selected values stay listed even when their count is zero. */
function FacetGroup({ name, legend, counts, selected, label }: FacetGroupProps) {
  const { t } = useT()
  const values = [...new Set([...selected, ...Object.keys(counts)])].sort(
    (a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || label(a).localeCompare(label(b)),
  )
  if (values.length === 0) return null
  return (
    <fieldset className="facet">
      <legend>{legend}</legend>
      {values.map((v) => (
        <div className="checkbox" key={v}>
          <input
            type="checkbox"
            id={`facet-${name}-${v}`}
            name={name}
            value={v}
            defaultChecked={selected.includes(v)}
          />
          <label htmlFor={`facet-${name}-${v}`}>
            {t('search.facetCount', { label: label(v), count: counts[v] ?? 0 })}
          </label>
        </div>
      ))}
    </fieldset>
  )
}

export interface FacetSelection {
  type?: string[]
  tag: string[]
  district: string[]
  kind: string[]
}

/** The facets in the order they show: the query parameter their checkboxes send, their counts, their legend. */
const FACETS = [
  { name: 'type', counts: 'type', legend: 'search.facet.type' },
  { name: 'tag', counts: 'tags', legend: 'search.facet.tags' },
  { name: 'district', counts: 'districts', legend: 'search.facet.districts' },
  { name: 'kind', counts: 'institutionKinds', legend: 'search.facet.institutionKinds' },
] as const

/** The facet checkboxes of /search and the library (inside the page's GET form). */
export function FacetFilters({
  facets,
  selected,
  showType,
}: {
  facets: FacetCounts
  selected: FacetSelection
  showType: boolean
}) {
  const { t, tk, locale } = useT()
  const label: Record<keyof FacetSelection, (value: string) => string> = {
    type: (v) => tk(`search.type.${v}`),
    tag: (v) => tk(labelKey.tag(v)),
    district: (v) => districtName(v, locale),
    kind: (v) => tk(labelKey.kind(v)),
  }
  return (
    <div className="facets">
      {FACETS.filter((facet) => showType || facet.name !== 'type').map((facet) => (
        <FacetGroup
          key={facet.name}
          name={facet.name}
          legend={t(facet.legend)}
          counts={facets[facet.counts]}
          selected={selected[facet.name] ?? []}
          label={label[facet.name]}
        />
      ))}
    </div>
  )
}
