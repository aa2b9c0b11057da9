import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * Dependencies point down: lib/ ← db/ ← search/ ← app/ ← seed/ ← server.ts, scripts/; tests/ sit on top.
 * A layer may not import the folders listed for it, statically or with import().
 */
const TESTS = ['**/*.test.{ts,tsx}']
function importsNone(folders, { root = false } = {}) {
  const up = root ? '\\./' : '(\\.\\./)+'
  const source = `^${up}(${folders.join('|')})(/|$)${folders.includes('app') ? '|^~/' : ''}`
  const message = `This layer may not import ${folders.map((f) => `${f}/`).join(', ')} (README, Architecture).`
  return {
    'no-restricted-imports': ['error', { patterns: [{ regex: source, message }] }],
    'no-restricted-syntax': [
      'error',
      { selector: `ImportExpression[source.value=/${source.replaceAll('/', '\\/')}/]`, message },
    ],
  }
}

export default tseslint.config(
  { ignores: ['build/**', 'node_modules/**', 'data/**', 'db/migrations/**', '.cache/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // Prettier wraps code at 120; this catches what it leaves alone (strings, SQL, comments). A test's title stays
      // on one line so that a failing test can be found by its name (keep options after the function: `it(title,
      // fn, 300_000)`, so prettier leaves the title beside `it(`).
      'max-len': [
        'error',
        { code: 120, ignoreUrls: true, ignorePattern: String.raw`^\s*(?:it|test|describe)(?:\.\w+)?\(` },
      ],
    },
  },
  // Texts and data where a line is one entry: message catalogs, demo data, the relevance corpus.
  {
    files: ['**/messages.ts', 'seed/demo/**', 'tests/bench/relevance/corpus-*.ts'],
    rules: { 'max-len': 'off' },
  },
  { files: ['*.{ts,js}'], rules: importsNone(['tests'], { root: true }) },
  { files: ['seed/**', 'scripts/**'], rules: importsNone(['tests']) },
  { files: ['app/**'], ignores: TESTS, rules: importsNone(['seed', 'tests']) },
  { files: ['search/**'], rules: importsNone(['app', 'seed', 'tests']) },
  { files: ['db/**'], rules: importsNone(['app', 'search', 'seed', 'tests']) },
  { files: ['lib/**'], rules: importsNone(['app', 'db', 'search', 'seed', 'tests']) },
  {
    files: ['scripts/**', 'tests/**', 'seed/seed.ts', 'seed/remove-demo.ts', 'db/migrate.ts'],
    rules: { 'no-console': 'off' },
  },
)
