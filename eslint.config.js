import js from '@eslint/js';
import tseslint from 'typescript-eslint';

import boundaries from 'eslint-plugin-boundaries';

/**
 * The import map: every part of the tree, and the parts it may import. Checked on resolved paths, so
 * `../slack/x.js` from a Discord file is caught however it is written. A file in none of these parts
 * is an error too: a new folder has to be placed on the map.
 */
const PARTS = {
  // The schema, its migrations and drivers: the bottom of the tree.
  db: { pattern: 'db/**', may: ['shared'] },
  shared: { pattern: 'src/shared/**', may: [] },
  config: { pattern: 'src/config/**', may: ['shared'] },
  sources: { pattern: 'src/sources/**', may: ['shared'] },
  format: { pattern: 'src/format/**', may: ['platform-contract', 'shared'] },
  labs: { pattern: 'src/labs/**', may: ['format', 'shared'] },
  subscriptions: { pattern: 'src/subscriptions/**', may: ['shared'] },
  // Charts drawn from a reply's neutral chart spec (its type comes from commands); the chart libraries stay here.
  charts: { pattern: 'src/charts/**', may: ['commands', 'format', 'shared'] },
  // What commands and platforms may ask of storage: interfaces only.
  ports: { pattern: 'src/ports/**', may: ['platform-contract', 'subscriptions', 'shared'] },
  // The ports on the database.
  storage: {
    pattern: 'src/storage/**',
    may: ['db', 'ports', 'platform-contract', 'format', 'labs', 'subscriptions', 'shared'],
  },
  // Platform-neutral commands: ports in, a neutral reply out.
  commands: { pattern: 'commands/**', may: ['ports', 'format', 'labs', 'subscriptions', 'shared'] },
  console: {
    pattern: 'src/platforms/console/**',
    may: ['platform-contract', 'commands', 'ports', 'format', 'charts', 'shared'],
  },
  discord: {
    pattern: 'src/platforms/discord/**',
    may: ['platform-contract', 'commands', 'ports', 'format', 'charts', 'shared'],
  },
  slack: {
    pattern: 'src/platforms/slack/**',
    may: ['platform-contract', 'commands', 'ports', 'format', 'charts', 'shared'],
  },
  // What every platform is, and the message model delivery and platforms share: the files of
  // src/platforms/ itself (after the platforms, so their folders are matched first).
  'platform-contract': { pattern: 'src/platforms', may: ['commands', 'ports', 'format', 'shared'] },
  delivery: {
    pattern: 'src/delivery/**',
    may: ['db', 'storage', 'ports', 'platform-contract', 'format', 'subscriptions', 'shared'],
  },
  worker: {
    pattern: 'src/worker/**',
    may: ['db', 'storage', 'ports', 'delivery', 'sources', 'format', 'labs', 'subscriptions', 'shared'],
  },
  // The service's own HTTP paths (health, metrics, the Hub's webhook): what they act on is injected.
  endpoints: { pattern: 'src/endpoints/**', may: ['shared'] },
  // The composition roots: they wire everything (platform libraries are loaded lazily there).
  app: { pattern: 'src/app/**', may: ['*'] },
  cli: { pattern: 'src/cli/**', may: ['*'] },
  // Tests and benchmarks may use anything; nothing may use them.
  test: { pattern: 'test/**', may: ['*'] },
  bench: { pattern: 'bench/**', may: ['*'] },
};

/** Packages only some parts may use: a chat library stays in its platform, the database driver below the ports. */
const PACKAGES = [
  { source: ['discord.js', 'discord.js/**', '@discordjs/*'], only: ['discord'] },
  { source: ['@slack/*', '@slack/*/**'], only: ['slack'] },
  {
    source: ['drizzle-orm', 'drizzle-orm/**', '@electric-sql/*', 'pg'],
    // shared: the logger names a failed query by its statement, never its SQL.
    only: ['db', 'storage', 'delivery', 'worker', 'cli', 'shared'],
  },
  { source: ['@huggingface/*'], only: ['sources'] },
  { source: ['echarts', 'echarts/**', 'zrender', 'zrender/**', '@resvg/*'], only: ['charts'] },
];

const NAMES = Object.keys(PARTS);

const importMap = {
  files: ['src/**/*.ts', 'commands/**/*.ts', 'db/**/*.ts'],
  ignores: ['db/migrations/**'],
  plugins: { boundaries },
  settings: {
    'import/resolver': { typescript: { project: './tsconfig.json' } },
    'boundaries/include': ['src/**/*.ts', 'commands/**/*.ts', 'db/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    'boundaries/elements': NAMES.map((type) => ({ type, pattern: PARTS[type].pattern, partialMatch: false })),
  },
  rules: {
    'boundaries/no-unknown-files': 'error',
    'boundaries/dependencies': [
      'error',
      {
        default: 'disallow',
        checkAllOrigins: true,
        checkUnknownLocals: true,
        message: '{{from.type}} may not import "{{dependency.source}}": see the import map in eslint.config.js',
        policies: [
          ...NAMES.map((type) => ({
            from: { element: { type } },
            allow: {
              to: {
                element: { types: { anyOf: PARTS[type].may.includes('*') ? NAMES : [type, ...PARTS[type].may] } },
              },
            },
          })),
          { allow: { to: { module: { origin: ['external', 'core'] } } } },
          ...PACKAGES.map(({ source, only }) => ({
            from: { element: { types: { noneOf: only } } },
            disallow: { to: { module: { source } } },
          })),
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'db/migrations/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
      },
    },
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-len': ['error', { code: 120, ignoreUrls: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a union or an as-const object.' },
      ],
    },
  },
  { files: ['test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  importMap,
);
