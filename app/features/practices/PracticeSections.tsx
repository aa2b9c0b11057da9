import { RichTextView } from '~/components/RichText'
import type { Locale } from '../../../db/schema/identity'
import type { RichTextDoc } from '../../../db/schema/richtext'
import { useT } from '../i18n/useT'
import { labelKey, PRACTICE_SECTIONS, type PracticeSection } from './vocabulary'

/** A practice's written sections in their fixed order, each under its heading; empty ones are left out. */
export function PracticeSections({
  sections,
  language,
}: {
  sections: Readonly<Partial<Record<PracticeSection, RichTextDoc | null>>>
  /** The practice's language: its text is marked with it, the headings stay in the page's. */
  language: Locale
}) {
  const { tk } = useT()
  return (
    <>
      {PRACTICE_SECTIONS.map((section) =>
        sections[section] ? (
          <section key={section} className="practice-section" aria-labelledby={`section-${section}`}>
            <h2 id={`section-${section}`}>{tk(labelKey.section(section))}</h2>
            <div lang={language}>
              <RichTextView doc={sections[section]} />
            </div>
          </section>
        ) : null,
      )}
    </>
  )
}
