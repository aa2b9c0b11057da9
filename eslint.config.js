import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * Dependencies point down: lib/ ← db/ ← search/ ← app/ ← seed/ ← server.ts, scripts/; tests/ sit on top.
 * A layer may not import the folders listed for it, statically or with import().
 */
const TESTS = ['**/*.test.{ts,tsx}']
/** A route module's exports that only the server runs. */
const SERVER_EXPORT = '[id.name=/^(loader|action|headers)$/]'
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
  // A route's loader and action are function expressions, never the result of a call made when the module loads: the
  // browser build keeps such a call and runs it, where the .server modules it needs are empty (every page that did
  // `export const loader = signedIn(…)` failed to hydrate).
  {
    files: ['app/routes/**'],
    ignores: TESTS,
    rules: {
      'no-restricted-syntax': [
        ...importsNone(['seed', 'tests'])['no-restricted-syntax'],
        {
          selector: `ExportNamedDeclaration VariableDeclarator${SERVER_EXPORT}[init.type="CallExpression"]`,
          message:
            'Write `export const loader = (args: RouteArgs) => signedIn(args, …)`: a call here runs in the browser.',
        },
      ],
    },
  },
  { files: ['search/**'], rules: importsNone(['app', 'seed', 'tests']) },
  { files: ['db/**'], rules: importsNone(['app', 'search', 'seed', 'tests']) },
  { files: ['lib/**'], rules: importsNone(['app', 'db', 'search', 'seed', 'tests']) },
  {
    files: ['scripts/**', 'tests/**', 'seed/seed.ts', 'seed/remove-demo.ts', 'db/migrate.ts'],
    rules: { 'no-console': 'off' },
  },
)
