/**
 * How many pages `total` items fill at `perPage` a page (one page when there are none); read with an item's number
 * for `total`, the page that item is on.
 */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage))
}
