import type { Locale } from '../../../db/schema/identity'
import { useT } from '../i18n/useT'

/**
 * A short tag ("EN") beside a practice written in another language than the page's, read out as the language's
 * name; nothing for a practice in the page's language. The practice's own text carries `lang` wherever it is shown.
 */
export function PracticeLanguageTag({ language }: { language: Locale }) {
  const { tk, locale } = useT()
  if (language === locale) return null
  return (
    <span className="tag practice-language">
      <span aria-hidden="true">{tk(`practices.languageTag.${language}`)}</span>
      <span className="visually-hidden">{tk(`practices.language.${language}`)}</span>
    </span>
  )
}
