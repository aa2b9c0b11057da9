import { PostButton } from '~/components/forms'
import { useT } from '../i18n/useT'

/**
 * A button of the case page that switches something off when it is on and on when it is off: its intent (and the
 * message `<labels>.<intent>` it reads) is `hide` or `unhide`, `lock` or `unlock`, `watch` or `unwatch`.
 */
export function CaseSwitch({
  on,
  intent,
  labels,
  className,
  formClassName,
}: {
  on: boolean
  intent: 'hide' | 'lock' | 'watch'
  labels: 'cases.moderation' | 'cases.watch'
  className: string
  formClassName?: string
}) {
  const { tk } = useT()
  const value = on ? `un${intent}` : intent
  return (
    <PostButton formClassName={formClassName} name="intent" value={value} className={className}>
      {tk(`${labels}.${value}`)}
    </PostButton>
  )
}
