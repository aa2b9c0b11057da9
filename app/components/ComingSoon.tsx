import type { MessageKey } from '../features/i18n/translate'
import { useT } from '../features/i18n/useT'

/** Placeholder for sections whose capability has not landed yet. */
export function ComingSoon({ title }: { title: MessageKey }) {
  const { t } = useT()
  return (
    <section>
      <h1>{t(title)}</h1>
      <p className="panel">
        <strong>{t('common.comingSoon')}.</strong> {t('common.comingSoonText')}
      </p>
    </section>
  )
}
