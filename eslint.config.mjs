import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

/**
 * Module boundaries that mean something:
 *  - type:lib packages may import only other type:lib packages (nothing imports experiments or tools);
 *  - runtime:pure packages (index mapping, clustering, tokenizers, corpus, metrics) never import
 *    TensorFlow.js, and may depend only on other runtime:pure packages;
 *  - no deep imports into another package (only its public entry points), no cycles.
 */
export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  prettier,
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/.nx',
      '**/coverage',
      'tools/**/files/**',
      '**/jest.config.cjs',
      'packages/*/assembly/**',
    ],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          banTransitiveDependencies: true,
          checkNestedExternalImports: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            {
              sourceTag: 'runtime:pure',
              onlyDependOnLibsWithTags: ['runtime:pure'],
              bannedExternalImports: ['@tensorflow/*'],
            },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      // ambient declarations (e.g. the WebAssembly API for Node) may use namespaces; code may not
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports: ksub has no default exports.' },
      ],
    },
  },
];
