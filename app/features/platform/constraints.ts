import { z } from 'zod'

/** What a form's schema says of one field, as the attributes of its control. */
export interface FieldConstraints {
  /** The schema refuses the field empty (a form always sends an input, as '' when nothing is typed). */
  required?: true
  /** Most characters of a text. */
  maxLength?: number
  /** Smallest and largest number. */
  min?: number
  max?: number
}

/** The object shapes inside a form schema: through refinements, transforms and `.and(…)`. */
function shapesOf(schema: z.ZodTypeAny): z.ZodRawShape[] {
  if (schema instanceof z.ZodObject) return [schema.shape as z.ZodRawShape]
  if (schema instanceof z.ZodEffects) return shapesOf(schema.innerType())
  if (schema instanceof z.ZodIntersection) return [...shapesOf(schema._def.left), ...shapesOf(schema._def.right)]
  return []
}

/** The string or number check a field ends in, through wrappers (optional, default, nullable, effects). */
function coreOf(field: z.ZodTypeAny): z.ZodTypeAny {
  if (field instanceof z.ZodOptional || field instanceof z.ZodNullable) return coreOf(field.unwrap())
  if (field instanceof z.ZodDefault) return coreOf(field.removeDefault())
  if (field instanceof z.ZodEffects) return coreOf(field.innerType())
  return field
}

function constraintsOfField(field: z.ZodTypeAny): FieldConstraints {
  const constraints: FieldConstraints = {}
  if (!field.safeParse('').success) constraints.required = true
  const core = coreOf(field)
  if (core instanceof z.ZodString) {
    if (core.maxLength !== null) constraints.maxLength = core.maxLength
  } else if (core instanceof z.ZodNumber) {
    if (core.minValue !== null) constraints.min = core.minValue
    if (core.maxValue !== null) constraints.max = core.maxValue
  }
  return constraints
}

/**
 * The attributes the fields of a form get from its zod schema, by field name: `required` where the schema refuses an
 * empty entry, `maxLength` of a text, `min`/`max` of a number — written once, in the schema.
 */
export function constraintsOf(schema: z.ZodTypeAny): Record<string, FieldConstraints> {
  const byName: Record<string, FieldConstraints> = {}
  for (const shape of shapesOf(schema))
    for (const [name, field] of Object.entries(shape)) byName[name] = constraintsOfField(field as z.ZodTypeAny)
  return byName
}
