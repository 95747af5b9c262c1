import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Import boundaries: each entry keeps one part of the tree from reaching into others. */
function boundary(files, patterns, message) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
    },
  };
}

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
  boundary(['db/**'], ['**/src/**', '**/commands/**'], 'db/ holds the schema and its drivers only.'),
  boundary(
    ['src/sources/**'],
    ['**/db/**', '**/platforms/**', '**/delivery/**', '**/worker/**', '**/commands/**'],
    'A source reads its upstream and knows nothing of storage or platforms.',
  ),
  boundary(
    ['commands/**'],
    ['discord.js', '@slack/*', '**/platforms/**'],
    'Commands see a platform-neutral invocation and return a platform-neutral reply.',
  ),
  boundary(
    ['src/worker/**', 'src/delivery/**', 'src/queries/**', 'src/labs/**', 'src/format/**'],
    ['discord.js', '@slack/*', '**/platforms/**'],
    'The core never reaches into a platform.',
  ),
  boundary(
    ['src/platforms/discord/**'],
    ['**/platforms/slack/**', '**/platforms/console/**', '@slack/*'],
    'Platforms never import each other.',
  ),
  boundary(
    ['src/platforms/slack/**'],
    ['**/platforms/discord/**', '**/platforms/console/**', 'discord.js'],
    'Platforms never import each other.',
  ),
  boundary(
    ['src/platforms/console/**'],
    ['**/platforms/discord/**', '**/platforms/slack/**', 'discord.js', '@slack/*'],
    'Platforms never import each other.',
  ),
);
