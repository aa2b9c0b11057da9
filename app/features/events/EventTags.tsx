import type { EventAudience, EventKind } from '../../../db/schema/events'
import { useT } from '../i18n/useT'

export function EventTags({
  kind,
  audience,
  districtName,
}: {
  kind: EventKind
  audience: EventAudience
  districtName?: string
}) {
  const { tk } = useT()
  return (
    <p className="row event-tags">
      <span className="tag">{tk(`events.kind.${kind}`)}</span>
      {audience === 'professionals' ? (
        <span className="tag tag-professionals">{tk('events.audience.professionals')}</span>
      ) : null}
      {districtName ? <span className="tag tag-district">{districtName}</span> : null}
    </p>
  )
}
