import type { HTMLAttributes, ReactNode } from 'react'

import { TableScroll } from './TableScroll'

export interface Column<T> {
  header: string
  cell: (row: T) => ReactNode
  /** The cell names its row (`<th scope="row">`). */
  rowHeader?: boolean
  /** The class of the column's cells (`numeric` right-aligns figures). */
  className?: string
}

type Key = string | number

/** Rows are told apart by their `id`; rows without one say how with `rowKey`. */
type RowKey<T> = T extends { id: Key }
  ? { rowKey?: (row: T, index: number) => Key }
  : { rowKey: (row: T, index: number) => Key }

/** What a row carries besides its cells: an `id` to link to, `data-*` a test or a script finds it by. */
export type RowAttributes = Pick<HTMLAttributes<HTMLTableRowElement>, 'id'> & { [data: `data-${string}`]: string }

/**
 * A table in the page's table style (`.table-wrap` scrolls it on a narrow screen): a header row, then one row per
 * item with a cell per column; `caption` names the table
 * (and its scrolling region) for screen readers, and shows above it with `captionShown`. `empty` stands instead of
 * the table when there are no rows.
 */
export function DataTable<T>({
  caption,
  captionShown = false,
  columns,
  rows,
  rowKey = (row) => (row as { id: Key }).id,
  rowAttributes,
  id,
  className,
  empty,
}: {
  caption: string
  captionShown?: boolean
  columns: Column<NoInfer<T>>[]
  rows: readonly T[]
  rowAttributes?: (row: T) => RowAttributes
  id?: string
  className?: string
  empty?: ReactNode
} & RowKey<T>) {
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>
  return (
    <TableScroll label={caption}>
      <table id={id} className={className}>
        <caption className={captionShown ? undefined : 'visually-hidden'}>{caption}</caption>
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
          {rows.map((row, r) => (
            <tr key={rowKey(row, r)} {...rowAttributes?.(row)}>
              {columns.map((column, i) =>
                column.rowHeader ? (
                  <th key={i} scope="row" className={column.className}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={i} className={column.className}>
                    {column.cell(row)}
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
