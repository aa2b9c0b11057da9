import { DEMO_PASSWORD } from '../../app/features/identity/demo'
import { hashPassword } from '../../app/features/identity/password.server'
import { slugify } from '../../app/features/platform/slugs.server'
import type { DbOrTx } from '../../db/client.server'
import { institutions, teams, users } from '../../db/schema'
import type { InstitutionKind, Locale, Position, Role, TeamKind, UserStatus } from '../../db/schema/identity'

let counter = 0
const LETTERS = 'абвгдежзийклмнопрстуфхцчшщюя'
/** A display name may hold letters only: the unique suffix spelled in Cyrillic letters, capitalised. */
function asLetters(value: string) {
  const word = [...value].map((ch) => LETTERS[Number.parseInt(ch, 36) % LETTERS.length]).join('')
  return word[0].toLocaleUpperCase('bg') + word.slice(1)
}
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`

export async function makeInstitution(
  db: DbOrTx,
  input: Partial<{ name: string; kind: InstitutionKind; districtCode: string | null }> = {},
) {
  const [row] = await db
    .insert(institutions)
    .values({
      name: input.name ?? `Институция ${unique()}`,
      kind: input.kind ?? 'school',
      districtCode: input.districtCode ?? null,
    })
    .returning()
  return row
}

export async function makeTeam(
  db: DbOrTx,
  input: Partial<{ name: string; slug: string; kind: TeamKind; description: string; districtCodes: string[] }> = {},
) {
  const name = input.name ?? `Екип ${unique()}`
  const [row] = await db
    .insert(teams)
    .values({
      name,
      slug: input.slug ?? `${slugify(name, 'team')}-${unique()}`,
      kind: input.kind ?? 'specialised',
      description: input.description ?? '',
      districtCodes: input.districtCodes ?? [],
    })
    .returning()
  return row
}

const hashes = new Map<string, Promise<string>>()
/** Hashing is deliberately slow; tests and seeds reuse one hash per distinct password. */
function cachedHash(password: string) {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password))
  return hashes.get(password)!
}

export const TEST_PASSWORD = 'test-password-123'

export async function makeUser(
  db: DbOrTx,
  input: Partial<{
    email: string
    name: string
    password: string
    role: Role
    status: UserStatus
    institutionId: string
    teamId: string | null
    locale: Locale
    positionKind: Position
    position: string
  }> = {},
) {
  const institutionId = input.institutionId ?? (await makeInstitution(db)).id
  const [row] = await db
    .insert(users)
    .values({
      email: (input.email ?? `user-${unique()}@example.bg`).toLowerCase(),
      name: input.name ?? `Потребител ${asLetters(unique())}`,
      passwordHash: await cachedHash(input.password ?? TEST_PASSWORD),
      demoPassword: input.password === DEMO_PASSWORD,
      role: input.role ?? 'staff',
      status: input.status ?? 'approved',
      institutionId,
      teamId: input.teamId ?? null,
      locale: input.locale ?? 'bg',
      positionKind: input.positionKind ?? 'other',
      position: input.position ?? '',
    })
    .returning()
  return row
}
