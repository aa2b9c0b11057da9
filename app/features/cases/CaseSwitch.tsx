import { PostButton } from '~/components/forms'
import { useT } from '../i18n/useT'

/**
 * A button of the case page that switches something off when it is on and on when it is off: its intent is `hide`
 * or `unhide`, `lock` or `unlock` (a moderator's, read as `cases.moderation.<intent>`), `watch` or `unwatch`
 * (`cases.watch.<intent>`).
 */
export function CaseSwitch({
  on,
  intent,
  className,
  formClassName,
}: {
  on: boolean
  intent: 'hide' | 'lock' | 'watch'
  className: string
  formClassName?: string
}) {
  const { tk } = useT()
  const value = on ? `un${intent}` : intent
  const labels = intent === 'watch' ? 'cases.watch' : 'cases.moderation'
  return (
    <PostButton formClassName={formClassName} name="intent" value={value} className={className}>
      {tk(`${labels}.${value}`)}
    </PostButton>
  )
}
