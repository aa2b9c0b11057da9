import type { Column } from '~/components/DataTable'
import { useT } from '../i18n/useT'
import { districtName } from '../platform/districts'

/** What a field round counted (a row of `listRounds`). */
export interface RoundFigures {
  districtCodes: string[]
  householdsVisited: number
  childrenMet: number
  childrenOutOfSchool: number
  /** Only the rounds list reads it. */
  referred?: number
  enrolled: number
  returned: number
}

type Count = 'householdsVisited' | 'childrenMet' | 'childrenOutOfSchool' | 'referred' | 'enrolled' | 'returned'

/** The columns of a round's districts and counts, the same in the rounds list and on a team's page (which leaves out
 * the referred). */
export function useRoundFigureColumns({ referred }: { referred: boolean }): Column<RoundFigures>[] {
  const { t, locale, number } = useT()
  const counts: Count[] = [
    'householdsVisited',
    'childrenMet',
    'childrenOutOfSchool',
    ...(referred ? (['referred'] as const) : []),
    'enrolled',
    'returned',
  ]
  return [
    {
      header: t('rounds.field.districts'),
      cell: (r) => r.districtCodes.map((d) => districtName(d, locale)).join(', '),
    },
    ...counts.map((count): Column<RoundFigures> => ({
      header: t(`rounds.field.${count}`),
      cell: (r) => number(r[count] ?? 0),
    })),
  ]
}
