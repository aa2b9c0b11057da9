import { TableScroll } from '~/components/TableScroll'
import { useT } from '../i18n/useT'
import type { ReportTable } from './tables'

/** A report table as HTML: the first column names the row. */
export function ReportTableView({ table, captionHidden = false }: { table: ReportTable; captionHidden?: boolean }) {
  const { number } = useT()
  return (
    <TableScroll label={table.title}>
      <table id={`table-${table.id}`} className="report-table">
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{table.title}</caption>
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th scope="col" key={i}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((value, i) =>
                i === 0 ? (
                  <th scope="row" key={i}>
                    {value}
                  </th>
                ) : (
                  <td key={i} className="numeric">
                    {typeof value === 'number' ? number(value) : value}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}
