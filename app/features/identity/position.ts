/** What a colleague reads beside a person's name: the position, then its detail ("Социален работник, ОЗД"). */
export function positionText(tk: (key: string) => string, person: { positionKind: string; position: string }) {
  const detail = person.position.trim()
  if (person.positionKind === 'other') return detail
  return detail ? `${tk(`position.${person.positionKind}`)}, ${detail}` : tk(`position.${person.positionKind}`)
}
