import { DependencyType, javascript, typescript } from 'projen';

/** Folders whose TypeScript compiles into the published package. */
const packageSources = ['src', 'constructs', 'golden-paths'];

const project = new typescript.TypeScriptProject({
  name: 'paved',
  description: 'Typed constructs for an Internal Developer Platform: secure-by-default AWS infrastructure (cdktf), Kubernetes workloads and GitOps (cdk8s, Argo CD), Backstage catalog, guardrails.',
  keywords: ['idp', 'platform-engineering', 'cdktf', 'cdk8s', 'argocd', 'backstage', 'gitops'],
  license: 'Apache-2.0',
  copyrightOwner: 'The paved authors',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.0.0',
  typescriptVersion: '~5.9.3',

  // `dist/` is the synth output of the platform (see DESIGN.md), so package artifacts go elsewhere.
  artifactsDirectory: 'artifacts',
  libdir: 'lib',
  srcdir: 'src',

  deps: [
    'cdktf@0.21.0',
    '@cdktf/provider-aws@20.1.0',
    '@cdktf/provider-kubernetes@12.1.1',
    // Installs Argo CD once, from the cluster bootstrap stack (the argo-cd Application owns it afterwards).
    '@cdktf/provider-helm@12.1.2',
    'cdk8s@^2.70.0',
    'cdk8s-plus-28@^2.5.6',
    'constructs@^10.4.2',
    // bin/paved compiles TypeScript (the platform app; from a clone, paved itself) with swc.
    '@swc/core@^1.13.0',
    'yaml@^2.8.0',
    // Runs the generated standalone validators of the add-on charts' values (constructs/imports/charts/).
    'ajv@^8.17.1',
  ],
  devDeps: [
    // Runs the TypeScript of the projen tasks below.
    'sucrase@^3.35.0',
    '@swc/jest@^0.2.39',
    'playwright-core@^1.56.0',
    // `cdk8s import` generates the typed CRD bindings committed under constructs/imports/.
    'cdk8s-cli@^2',
    // `import-charts` writes the add-on charts' values types from their values.schema.json.
    'json-schema-to-typescript@^15.0.4',
    // Schema validators for the test suite (see test/validate.ts).
    'kubernetes-models@^4.5.1',
    '@kubernetes-models/argo-cd@^2.7.2',
    '@kubernetes-models/prometheus-operator@^4.4.4',
    '@kubernetes-models/external-secrets@2.0.0',
    '@backstage/catalog-model@^1.10.3',
    '@backstage/plugin-scaffolder-common@^2.4.0',
    '@action-validator/core@^0.6.0',
    // The benchmark compares paved with the official `cdktf synth` on the same resources.
    'cdktf-cli@0.21.0',
    // test/package: a platform team's app loaded by tsx (CommonJS and ESM) and by vitest.
    'tsx@^4.23.15',
    'vitest@^4.1.12',
  ],

  bumpPackage: 'commit-and-tag-version@^12',
  // Release: conventional commits drive the semver bump and CHANGELOG.md.
  release: true,
  releaseToNpm: true,
  versionrcOptions: { header: '# Changelog\n' },

  jest: true,
  jestOptions: {
    jestVersion: '^29',
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: { collectCoverage: false },
  },
  tsconfig: {
    compilerOptions: {
      rootDir: '.',
      inlineSourceMap: false,
      inlineSources: false,
      skipLibCheck: true,
      lib: ['es2022'],
      target: 'ES2022',
    },
    include: packageSources.map((dir) => `${dir}/**/*.ts`),
  },
  tsconfigDevFile: 'tsconfig.dev.json',
  eslintOptions: {
    tsconfigPath: './tsconfig.dev.json',
    projectService: false,
    commandOptions: { fix: false },
    dirs: packageSources,
    devdirs: ['test', 'examples', 'bench', 'projenrc'],
    ignorePatterns: ['constructs/imports/', 'lib/', 'dist/', 'node_modules/', '*.d.ts'],
  },
  // The output's hidden siblings (staging, retired, deleting) exist only while a synth swaps dist/ in.
  gitignore: ['/dist/', '/.dist.paved-*', '/artifacts/', '/.paved-state/'],
});

// A provider's root index loads every resource it has (provider-aws: 1.5 s and 500 MB per run).
const providerRoots = ['@cdktf/provider-aws', '@cdktf/provider-helm', '@cdktf/provider-kubernetes'];
project.eslint?.addRules({
  'no-restricted-imports': ['error', {
    paths: providerRoots.flatMap((provider) => [provider, `${provider}/lib`, `${provider}/lib/index`].map((name) => ({
      name,
      message: `Import each resource by its own path (${provider}/lib/<resource>): the root index loads every resource of the provider.`,
    }))),
  }],
});

// One program for type-checking and lint: the package sources plus tests, examples and tools.
project.tsconfigDev.file.addOverride('include', [
  ...packageSources.map((dir) => `${dir}/**/*.ts`),
  'test/**/*.ts', 'examples/**/*.ts', 'bench/**/*.ts', 'projenrc/**/*.ts', '.projenrc.ts',
]);

for (const pattern of ['/constructs/', '/golden-paths/', '/examples/', '/bench/', '/.ci/']) {
  project.npmignore?.exclude(pattern);
}
// Tests run through swc, which strips types only; type-checking is the separate `typecheck` step.
project.deps.removeDependency('ts-jest');
project.package.file.addOverride('jest.testMatch', ['<rootDir>/test/**/*.test.ts']);
project.jest!.config.transform = {
  '^.+\\.tsx?$': new javascript.Transform('@swc/jest', {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  }),
};
// constructs is a runtime dependency; projen also adds it as a build one.
project.deps.removeDependency('constructs', DependencyType.BUILD);

project.package.addField('main', 'lib/src/index.js');
project.package.addField('types', 'lib/src/index.d.ts');
project.package.addField('exports', {
  '.': { types: './lib/src/index.d.ts', default: './lib/src/index.js' },
  './constructs': { types: './lib/constructs/index.d.ts', default: './lib/constructs/index.js' },
  './golden-paths': { types: './lib/golden-paths/index.d.ts', default: './lib/golden-paths/index.js' },
  './package.json': './package.json',
});
// TypeScript's `moduleResolution: node` (what `module: commonjs` implies) ignores `exports`;
// these let a platform team's tsc find the subpaths' types too.
project.package.addField('typesVersions', {
  '*': { 'constructs': ['lib/constructs/index.d.ts'], 'golden-paths': ['lib/golden-paths/index.d.ts'] },
});
project.addBins({ paved: 'bin/paved' });
// `npm pack` (and so `npm publish`) compiles lib/ afresh, so a package packed from a clean clone
// is complete: lib/ is not committed, and a stale file of a removed source is never shipped.
project.package.setScript('prepack', 'node -e "require(\'fs\').rmSync(\'lib\', { recursive: true, force: true })" && tsc -p tsconfig.json');

project.addTask('rules', {
  description: 'Regenerate RULES.md from the guardrail packs',
  exec: 'node -r sucrase/register/ts projenrc/write-rules-md.ts',
});

project.addTask('import-charts', {
  description: 'Regenerate constructs/imports/charts/ (values types, chart coordinates, validators) from $PAVED_SHARED/charts (a folder of upstream chart files, outside the repository)',
  exec: 'node -r sucrase/register/ts projenrc/import-charts.ts',
  receiveArgs: true,
});

project.addTask('bench', {
  description: 'Benchmark paved synth at 10 to 1000 services against cdktf synth; prints the table of BENCHMARKS.md',
  exec: 'node -r sucrase/register/ts bench/run-bench.ts',
  receiveArgs: true,
});
project.addTask('bench:yardstick', {
  description: "Time paved synth against the targets' yardstick (cdktf synth of one stack) in the same minutes",
  exec: 'node -r sucrase/register/ts bench/yardstick.ts',
  receiveArgs: true,
});

// The test task: projen output is committed and current, types check, tests pass, lint is clean.
const test = project.testTask;
test.reset();
test.exec('node -r sucrase/register/ts projenrc/assert-projen-unchanged.ts', {
  name: 'projen-up-to-date',
});
test.exec('tsc --noEmit -p tsconfig.json && tsc --noEmit -p tsconfig.dev.json', { name: 'typecheck' });
test.exec('jest --passWithNoTests --ci');
test.spawn(project.eslint!.eslintTask);

project.synth();
