import type { ReactNode } from 'react'

import { TableScroll } from './TableScroll'

export interface Column<T> {
  header: string
  cell: (row: T) => ReactNode
  /** The cell names its row (`<th scope="row">`). */
  rowHeader?: boolean
}

/**
 * A table in the page's table style (`.table-wrap` scrolls it on a narrow screen): a header row, then one row per
 * item with a cell per column; `caption` names the table
 * (and its scrolling region) for screen readers.
 */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
}: {
  caption: string
  columns: Column<T>[]
  rows: readonly T[]
  rowKey: (row: T) => string | number
}) {
  return (
    <TableScroll label={caption}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column, i) =>
                column.rowHeader ? (
                  <th key={i} scope="row">
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={i}>{column.cell(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}
