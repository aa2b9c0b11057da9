import { DataTable, type Column } from '~/components/DataTable'
import { useT } from '../i18n/useT'
import type { ReportTable } from './tables'

type Row = ReportTable['rows'][number]

/** A report table as HTML: the first column names the row. */
export function ReportTableView({ table, captionHidden = false }: { table: ReportTable; captionHidden?: boolean }) {
  const { number } = useT()
  const columns = table.columns.map((header, i): Column<Row> =>
    i === 0
      ? { header, rowHeader: true, cell: (row) => row[0] }
      : { header, className: 'numeric', cell: (row) => (typeof row[i] === 'number' ? number(row[i]) : row[i]) },
  )
  return (
    <DataTable
      id={`table-${table.id}`}
      className="report-table"
      caption={table.title}
      captionShown={!captionHidden}
      columns={columns}
      rows={table.rows}
      rowKey={(_, r) => r}
    />
  )
}
