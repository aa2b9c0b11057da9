import type { CaseOutcome, CaseStatus } from '../../../db/schema/cases'
import { useT } from '../i18n/useT'

const STATUS_CLASS: Record<CaseStatus, string> = {
  open: 'status case-status-open',
  in_progress: 'status status-warn',
  resolved: 'status status-ok',
  closed: 'status',
}

export function CaseStatusBadge({ status, outcome }: { status: CaseStatus; outcome?: CaseOutcome | null }) {
  const { tk } = useT()
  return (
    <span className={STATUS_CLASS[status]}>
      {tk(`cases.status.${status}`)}
      {status === 'resolved' && outcome ? ` · ${tk(`cases.outcome.${outcome}`)}` : null}
    </span>
  )
}

export function CaseTags({ tags }: { tags: readonly string[] }) {
  const { tk } = useT()
  if (tags.length === 0) return null
  return (
    <ul className="tag-list">
      {tags.map((tag) => (
        <li key={tag} className="tag">
          {tk(`cases.tag.${tag}`)}
        </li>
      ))}
    </ul>
  )
}
