import { useT } from '../i18n/useT'
import { districtName } from '../platform/districts'

/** What kind of team it is and the districts it works in, as tags. */
export function TeamTags({ kind, districtCodes }: { kind: string; districtCodes: readonly string[] }) {
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
