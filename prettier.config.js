/** House formatting: the style the code was written in (no semicolons, single quotes), lines up to 120. */
export default {
  semi: false,
  singleQuote: true,
  printWidth: 120,
  trailingComma: 'all',
  plugins: ['@ianvs/prettier-plugin-sort-imports'],
  importOrder: ['<BUILTIN_MODULES>', '', '<THIRD_PARTY_MODULES>', '', '^~/(.*)$', '^[.]'],
  importOrderTypeScriptVersion: '5.9.3',
}
