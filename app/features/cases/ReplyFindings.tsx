import type { FormState } from '../../components/forms'
import { useT } from '../i18n/useT'
import { typedMentionSpans } from '../identity/mentions'
import { PrivacyFindings } from '../privacy/PrivacyFindings'

/** What the privacy guard found in a reply: as the server answered, and live while it is typed (@mentions aside). */
export function ReplyFindings({
  state,
  text,
  headingLevel,
  idPrefix,
}: {
  state?: FormState | null
  /** The reply as typed so far; null until the editor reports it. */
  text: string | null
  headingLevel?: 2 | 3
  idPrefix?: string
}) {
  const { t } = useT()
  return (
    <PrivacyFindings
      state={state}
      fieldLabels={{ body: t('cases.field.reply') }}
      liveTexts={text === null ? undefined : { body: text }}
      liveIgnore={typedMentionSpans}
      headingLevel={headingLevel}
      idPrefix={idPrefix}
    />
  )
}
