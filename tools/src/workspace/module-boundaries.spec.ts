import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

// The tags in project.json files are only worth having if lint fails when they are crossed.
// Each case lints a probe file placed (virtually) inside a real project.
const root = resolve(__dirname, '../../..');

interface LintMessage {
  ruleId: string | null;
  message: string;
}

// ESLint loads its flat config with a dynamic import, which jest's VM cannot do: run the CLI.
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const run = spawnSync(
    process.execPath,
    [
      resolve(root, 'node_modules/eslint/bin/eslint.js'),
      '--stdin',
      '--stdin-filename',
      resolve(root, filePath),
      '--format',
      'json',
    ],
    { cwd: root, input: code, encoding: 'utf8' },
  );
  if (run.stdout.trim() === '') throw new Error(`eslint produced no report: ${run.stderr}`);
  const [result] = JSON.parse(run.stdout) as Array<{ messages: LintMessage[] }>;
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@nx/enforce-module-boundaries')
    .map((m) => m.message);
}

describe('module boundaries', () => {
  it('lets a library import a library it declares', async () => {
    expect(
      await boundaryErrors(
        'packages/index-mapping/src/probe.ts',
        "import { Rng } from '@ksub/core';\nexport const r = Rng;\n",
      ),
    ).toEqual([]);
  });

  it('forbids a library from importing the experiments application', async () => {
    // experiments depends on index-mapping, so the rule reports the cycle this would create
    const errors = await boundaryErrors(
      'packages/index-mapping/src/probe.ts',
      "import { computeTable1 } from '@ksub/experiments';\nexport const f = computeTable1;\n",
    );
    expect(errors.join('\n')).toMatch(/Circular dependency between "index-mapping" and "experiments"/);
  });

  it('forbids a library from importing workspace tooling (tag constraint)', async () => {
    const errors = await boundaryErrors(
      'packages/core/src/probe.ts',
      "import { allocatorGenerator } from '@ksub/tools';\nexport const g = allocatorGenerator;\n",
    );
    expect(errors).toEqual([
      'A project tagged with "type:lib" can only depend on libs tagged with "type:lib"',
    ]);
  });

  it('forbids deep imports into another package', async () => {
    const errors = await boundaryErrors(
      'packages/experiments/src/probe.ts',
      "import { minimalRows } from '@ksub/index-mapping/src/minimal-rows';\nexport const f = minimalRows;\n",
    );
    expect(errors).toEqual([
      expect.stringMatching(/^Only packages defined in the "package.json" can be imported/),
    ]);
  });

  it('forbids a pure package from importing TensorFlow.js', async () => {
    const errors = await boundaryErrors(
      'packages/core/src/probe.ts',
      "import * as tf from '@tensorflow/tfjs-core';\nexport const t = tf;\n",
    );
    // TF.js is installed (by @ksub/tensor), so the runtime:pure tag's ban is what reports it.
    expect(errors).toContainEqual(
      'A project tagged with "runtime:pure" is not allowed to import "@tensorflow/tfjs-core"',
    );
  });

  it('forbids a dependency cycle', async () => {
    const errors = await boundaryErrors(
      'packages/core/src/probe.ts',
      "import { minimalRows } from '@ksub/index-mapping';\nexport const f = minimalRows;\n",
    );
    expect(errors.join('\n')).toMatch(/Circular dependency between "core" and "index-mapping"/);
  });
});
