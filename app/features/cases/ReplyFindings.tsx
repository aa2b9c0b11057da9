import type { FormState } from '../../components/forms'
import { useT } from '../i18n/useT'
import { typedMentionSpans } from '../identity/mentions'
import { PrivacyFindings } from '../privacy/PrivacyFindings'

/** What the privacy guard found in a reply: as the server answered, and live while it is typed (@mentions aside). */
export function ReplyFindings({
  state,
  liveTexts,
  headingLevel,
  idPrefix,
}: {
  state?: FormState | null
  /** The reply as typed so far (`useLiveTexts`); undefined until the editor reports it. */
  liveTexts: Record<string, string> | undefined
  headingLevel?: 2 | 3
  idPrefix?: string
}) {
  const { t } = useT()
  return (
    <PrivacyFindings
      state={state}
      fieldLabels={{ body: t('cases.field.reply') }}
      liveTexts={liveTexts}
      liveIgnore={typedMentionSpans}
      headingLevel={headingLevel}
      idPrefix={idPrefix}
    />
  )
}
