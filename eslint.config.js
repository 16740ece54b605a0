// pnpm lint: the rules a reviewer cannot check by eye (codebase rules). Type-aware: a promise nobody awaits is
// an error that vanishes (a write that may not happen, a failure nobody sees).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const webFeatures = ['activity', 'auth', 'connection', 'exceptions', 'exports', 'job-costs', 'jobs', 'settings', 'vendors'];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'packages/db/src/generated/**', 'bench/results/**', '**/*.cjs', '**/*.mjs', '**/*.js'],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
      // Off on purpose: the code strips and refuses control characters (XML 1.0 §2.2 forbids most of them
      // in a document), so its regular expressions name them.
      'no-control-regex': 'off',
    },
  },
  {
    // The server's packages also run under Node's own type stripping (the SOAP body's parse worker imports sync,
    // mapping, qbxml, contract…), which refuses TypeScript-only runtime syntax with ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX:
    // a parameter property there failed every Web Connector answer. Enums and namespaces the same.
    files: ['apps/server/src/**/*.ts', 'packages/{sync,mapping,qbxml,contract,procore,qbo,db,qbwc}/src/**/*.ts'],
    rules: {
      '@typescript-eslint/parameter-properties': ['error', { prefer: 'class-property' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Node type stripping cannot run an enum: use a const object or a union.' },
        { selector: 'TSModuleDeclaration[kind="namespace"]', message: 'Node type stripping cannot run a namespace.' },
      ],
    },
  },
  {
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  // packages/sync: the two pipelines and the sign-in never reach into each other; what they share (link types,
  // job kinds, the logger, errors, audit, settings) has its own folder.
  ...[
    ['exports', ['imports', 'auth']],
    ['imports', ['exports', 'auth']],
    ['auth', ['exports', 'imports', 'qbwc']],
    ['jobs', ['exports', 'imports', 'qbwc', 'procore']],
    ['procore', ['exports', 'imports', 'qbwc']],
  ].map(([folder, forbidden]) => ({
    files: [`packages/sync/src/${folder}/**/*.ts`],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: forbidden.map((f) => `../${f}/*`),
              message: `packages/sync/src/${folder} does not import from ${forbidden.join(', ')}: move what both need to a shared folder (links/, jobs/job-kinds.ts, logging/, errors/, audit/).`,
            },
          ],
        },
      ],
    },
  })),
  // Web features never import each other (bulletproof-react): shared code lives in components/ or lib/.
  ...webFeatures.map((feature) => ({
    files: [`apps/web/src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: webFeatures.filter((f) => f !== feature).flatMap((f) => [`**/features/${f}`, `**/features/${f}/**`]),
              message: 'A feature does not import another feature: move what both need to src/components or src/lib.',
            },
          ],
        },
      ],
    },
  })),
);
