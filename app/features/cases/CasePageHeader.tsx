import { PageHeader } from '~/components/PageHeader'
import { useT } from '../i18n/useT'
import { caseUrl } from './codes'

/** The top of a page about one case (its history, viewers, edit and flag forms): "Cases / С-2026-0042", the title. */
export function CasePageHeader({ code, title }: { code: string; title: string }) {
  const { t } = useT()
  return (
    <PageHeader
      title={title}
      crumbs={[
        { to: '/cases', label: t('cases.title') },
        { to: caseUrl(code), label: code },
      ]}
    />
  )
}
