import type { ReactNode } from 'react'

import { Panel } from '~/components/Panel'
import { useT } from '../i18n/useT'
import { districtName } from '../platform/districts'

type Section = 'recognitions' | 'rounds' | 'members' | 'cases' | 'practices' | 'trainings' | 'events'

/** A panel of a team's page, headed by its section's name. */
export function TeamPanel({ section, children }: { section: Section; children: ReactNode }) {
  const { t } = useT()
  return (
    <Panel headingId={`team-${section}`} title={t(`teams.section.${section}`)}>
      {children}
    </Panel>
  )
}

/**
 * A panel of a team's page that lists items, with a line saying when there are none (the list stays, empty);
 * `children` follow the list.
 */
export function TeamList<T>({
  section,
  items,
  itemKey,
  item,
  className,
  children,
}: {
  section: Section
  items: readonly T[]
  itemKey: (item: T) => string
  item: (item: T) => ReactNode
  className?: string
  children?: ReactNode
}) {
  const { t } = useT()
  return (
    <TeamPanel section={section}>
      {items.length === 0 ? <p>{t(`teams.none.${section}`)}</p> : null}
      <ul className={className}>
        {items.map((one) => (
          <li key={itemKey(one)}>{item(one)}</li>
        ))}
      </ul>
      {children}
    </TeamPanel>
  )
}

/** A team's kind and districts as tags (the teams list and a team's page). */
export function TeamTags({ kind, districtCodes }: { kind: string; districtCodes: string[] }) {
  const { tk, locale } = useT()
  return (
    <p>
      <span className="tag">{tk(`teams.kind.${kind}`)}</span>{' '}
      {districtCodes.map((d) => (
        <span key={d} className="tag">
          {districtName(d, locale)}
        </span>
      ))}
    </p>
  )
}
