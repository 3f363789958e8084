import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

/**
 * Module boundaries that mean something:
 *  - type:lib packages may import only other type:lib packages (nothing imports experiments or tools);
 *  - runtime:pure packages (index mapping, clustering, tokenizers, corpus, metrics) never import
 *    TensorFlow.js, and may depend only on other runtime:pure packages;
 *  - platform:browser packages (core, index mapping, clustering, simd, tensor, embedding) keep their
 *    main entry free of Node-only modules (their build bundles it for browsers) and may depend only
 *    on other platform:browser packages;
 *  - no deep imports into another package (only its public entry points), no cycles.
 */
const DEP_CONSTRAINTS = [
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
  {
    sourceTag: 'runtime:pure',
    onlyDependOnLibsWithTags: ['runtime:pure'],
    bannedExternalImports: ['@tensorflow/*'],
  },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'] },
];
/** Shipped code only: specs and benches of a browser package run in Node and may use Node packages. */
const BROWSER_CONSTRAINT = { sourceTag: 'platform:browser', onlyDependOnLibsWithTags: ['platform:browser'] };
const BOUNDARY_OPTIONS = {
  enforceBuildableLibDependency: false,
  banTransitiveDependencies: true,
  checkNestedExternalImports: true,
  allow: [],
};

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
        { ...BOUNDARY_OPTIONS, depConstraints: [...DEP_CONSTRAINTS, BROWSER_CONSTRAINT] },
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
  {
    files: ['**/*.spec.ts', '**/*.bench.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { ...BOUNDARY_OPTIONS, depConstraints: DEP_CONSTRAINTS }],
    },
  },
];
