import { TableScroll } from '~/components/TableScroll'
import { useT } from '~/features/i18n/useT'
import type { ActionIndicators } from './indicators.server'

/** The coordinators' block on /actions: done on time, overdue per institution, retention at each check month. */
export function ActionIndicatorsPanel({ indicators }: { indicators: ActionIndicators }) {
  const { t, number } = useT()
  const share = (part: number, whole: number) =>
    whole ? number(part / whole, { style: 'percent', maximumFractionDigits: 0 }) : t('actions.indicators.noData')
  return (
    <section className="panel" aria-labelledby="action-indicators-title">
      <h2 id="action-indicators-title">{t('actions.indicators.title')}</h2>
      <h3>{t('actions.indicators.onTime')}</h3>
      <p>
        {t('actions.indicators.onTimeValue', {
          onTime: indicators.doneOnTime,
          done: indicators.done,
          share: share(indicators.doneOnTime, indicators.done),
        })}
      </p>
      <h3>{t('actions.indicators.retentionTitle')}</h3>
      <TableScroll label={t('actions.indicators.retentionTitle')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('actions.indicators.checkMonth')}</th>
              <th scope="col">{t('actions.indicators.inSchool')}</th>
              <th scope="col">{t('actions.indicators.noAnswer')}</th>
            </tr>
          </thead>
          <tbody>
            {indicators.retention.map((r) => (
              <tr key={r.months}>
                <th scope="row">{t('actions.indicators.months', { months: r.months })}</th>
                <td>
                  {t('actions.indicators.retentionValue', {
                    inSchool: r.inSchool,
                    known: r.inSchool + r.left,
                    share: share(r.inSchool, r.inSchool + r.left),
                  })}
                </td>
                <td>{r.returns - r.inSchool - r.left}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h3>{t('actions.indicators.overdueTitle')}</h3>
      {indicators.overdueByInstitution.length === 0 ? (
        <p className="muted">{t('actions.indicators.overdueNone')}</p>
      ) : (
        <TableScroll label={t('actions.indicators.overdueTitle')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('actions.indicators.institution')}</th>
                <th scope="col">{t('actions.indicators.overdue')}</th>
              </tr>
            </thead>
            <tbody>
              {indicators.overdueByInstitution.map((r) => (
                <tr key={r.institutionId}>
                  <td>{r.name}</td>
                  <td>{r.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  )
}
