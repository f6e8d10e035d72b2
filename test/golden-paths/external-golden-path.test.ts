import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import * as publicGoldenPaths from '../../golden-paths';
import { GOLDEN_PATHS, GoldenPathRegistry, NODE_API_GOLDEN_PATH, NODE_TOOLCHAIN, PlatformBaseline, Toolchain } from '../../golden-paths';
import { Platform } from '../../src';
import { scaffoldService } from '../../src/operations/scaffold-service';
import { goldenPathPlatform, recordedFacts, testPlatformProps } from '../fixtures';
import { errorOf, readTree, synthToTemp, tempDir } from '../util';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'paved');
const AS_OF = '2026-11-28';

/**
 * A platform team's package, outside paved: one folder for its `java-worker` golden path that
 * imports only paved's public entry points (`paved` is `${ROOT}/src` here, `paved/golden-paths`
 * is `${ROOT}/golden-paths`).
 */
function platformTeamPackage(dir: string): string {
  const pkg = join(dir, 'acme-golden-paths');
  mkdirSync(join(pkg, 'java-worker'), { recursive: true });
  writeFileSync(join(pkg, 'java-worker', 'java-toolchain.ts'), `import { Toolchain } from '${ROOT}/golden-paths';

export const JAVA_TOOLCHAIN = new Toolchain({
  name: 'java',
  setup: { name: 'Set up Java', uses: 'actions/setup-java@v4', with: { 'distribution': 'temurin', 'java-version': '21', 'cache': 'maven' } },
  install: 'mvn -B dependency:go-offline',
  test: 'mvn -B test',
  build: 'mvn -B package -DskipTests',
});
`);
  writeFileSync(join(pkg, 'java-worker', 'java-worker-skeleton.ts'), `import { SkeletonContext, runbook } from '${ROOT}/golden-paths';

export function javaWorkerSkeleton(context: SkeletonContext): Record<string, string> {
  return {
    'pom.xml': \`<project><artifactId>\${context.name}</artifactId></project>\\n\`,
    'Dockerfile': 'FROM eclipse-temurin:21-jre\\nUSER 10001:10001\\n',
    'RUNBOOK.md': runbook(context),
  };
}
`);
  writeFileSync(join(pkg, 'java-worker', 'java-worker-golden-path.ts'), `import type { GoldenPath } from '${ROOT}/golden-paths';
import { JAVA_TOOLCHAIN } from './java-toolchain';
import { javaWorkerSkeleton } from './java-worker-skeleton';

export const JAVA_WORKER_GOLDEN_PATH: GoldenPath = {
  id: 'java-worker',
  title: 'Java queue worker',
  className: 'JavaWorker',
  module: '${pkg}',
  templateSkeletonUrl: 'https://github.com/acme/golden-paths/tree/main/java-worker/template',
  toolchain: JAVA_TOOLCHAIN,
  skeleton: javaWorkerSkeleton,
};
`);
  writeFileSync(join(pkg, 'java-worker', 'java-worker.ts'), `import { HealthCheck } from '${ROOT}/constructs';
import { SERVICE_PROPS_SHAPE, Service, ServiceProps } from '${ROOT}/golden-paths';
import type { Platform } from '${ROOT}/src';
import { JAVA_WORKER_GOLDEN_PATH } from './java-worker-golden-path';

export interface JavaWorkerProps extends ServiceProps {}

export class JavaWorker extends Service {
  constructor(platform: Platform, name: string, props: JavaWorkerProps) {
    super(platform, name, props, {
      goldenPath: JAVA_WORKER_GOLDEN_PATH.id,
      title: JAVA_WORKER_GOLDEN_PATH.title,
      ports: [{ name: 'http', port: 8080 }],
      healthCheck: HealthCheck.http('/actuator/health/liveness'),
      readinessCheck: HealthCheck.http('/actuator/health/readiness'),
      exposure: 'none',
      resources: { cpuMillis: 500, memoryMiB: 1024 },
      catalogType: 'service',
      supportsDatabase: true,
      toolchain: JAVA_WORKER_GOLDEN_PATH.toolchain,
    }, SERVICE_PROPS_SHAPE);
  }
}
`);
  writeFileSync(join(pkg, 'index.ts'), `export * from './java-worker/java-toolchain';
export * from './java-worker/java-worker';
export * from './java-worker/java-worker-golden-path';
`);
  return pkg;
}

/** A platform repository whose app registers the package's golden path with paved's own. */
function platformRepository(): { dir: string; pkg: string } {
  const dir = tempDir();
  const pkg = platformTeamPackage(dir);
  writeFileSync(join(dir, 'platform.ts'), `import { join } from 'path';
import { GOLDEN_PATHS, PlatformBaseline, declareServices } from '${ROOT}/golden-paths';
import { Platform } from '${ROOT}/src';
import { JAVA_WORKER_GOLDEN_PATH } from '${pkg}';
import { recordedFacts, testPlatformProps } from '${ROOT}/test/fixtures';

const props = testPlatformProps();
const platform = new Platform({ ...props, environments: props.environments!.map((e) => ({ ...e, existing: recordedFacts(e.name) })) });
new PlatformBaseline(platform, { platformTeam: 'payments', domain: 'acme.example', goldenPaths: GOLDEN_PATHS.with(JAVA_WORKER_GOLDEN_PATH) });
declareServices(platform, join(__dirname, 'services'));
export default platform;
`);
  return { dir, pkg };
}

function paved(args: readonly string[], cwd: string) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, PAVED_AS_OF: AS_OF } });
}

describe('a golden path declared outside paved', () => {
  const { dir, pkg } = platformRepository();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { JavaWorker, JAVA_WORKER_GOLDEN_PATH } = require(pkg);
  const goldenPaths = GOLDEN_PATHS.with(JAVA_WORKER_GOLDEN_PATH);
  const props = testPlatformProps({ asOf: AS_OF });
  const platform = new Platform({ ...props, environments: props.environments!.map((e) => ({ ...e, existing: recordedFacts(e.name) })) });
  new PlatformBaseline(platform, { platformTeam: 'payments', domain: 'acme.example', goldenPaths });
  const worker = new JavaWorker(platform, 'ledger', { team: 'payments', queues: ['entries'] });
  const files = readTree(synthToTemp(platform));

  test('its services build with its toolchain in their CI workflow', () => {
    const text = files.get('ci/ledger.yml')!;
    expect(validateWorkflow(text).errors).toEqual([]);
    const workflow = parse(text);
    expect(workflow.name).toBe('ledger (paved java-worker)');
    expect(workflow.jobs.test.steps.map((s: any) => s.run ?? s.uses))
      .toEqual(['actions/checkout@v4', 'actions/setup-java@v4', 'mvn -B dependency:go-offline', 'mvn -B test', 'mvn -B package -DskipTests']);
    expect(workflow.jobs.test.steps[1].with).toEqual({ 'distribution': 'temurin', 'java-version': '21', 'cache': 'maven' });
    expect(worker.spec.toolchain.name).toBe('java');
  });

  test('its services are deployed and catalogued like paved\'s own', () => {
    expect(parse(files.get('gitops/dev/apps/ledger/deployment-ledger.yaml')!).metadata.labels).toMatchObject({ 'paved.dev/golden-path': 'java-worker' });
    expect(parse(files.get('catalog/component-ledger.yaml')!).metadata.tags).toContain('java-worker');
  });

  test('the catalog offers a Template for it, after paved\'s own', () => {
    const template = parse(files.get('catalog/template-java-worker.yaml')!);
    expect(template.kind).toBe('Template');
    expect(template.metadata).toMatchObject({ name: 'java-worker', title: 'Java queue worker' });
    expect(template.spec.steps[0].input.url).toBe('https://github.com/acme/golden-paths/tree/main/java-worker/template');
    expect([...files.keys()].filter((f) => f.startsWith('catalog/template-')).sort())
      .toEqual([...GOLDEN_PATHS.ids, 'java-worker'].map((id) => `catalog/template-${id}.yaml`).sort());
    expect(PlatformBaseline.goldenPathsOf(platform).ids).toEqual([...GOLDEN_PATHS.ids, 'java-worker']);
  });

  test('paved new scaffolds it with its class from its own package and its skeleton', () => {
    const target = tempDir();
    const result = scaffoldService({
      goldenPath: 'java-worker', goldenPaths, name: 'ledger', team: 'payments', directory: join(target, 'services'), skeleton: join(target, 'ledger-app'),
    });
    expect(result.written.map((f) => f.slice(target.length + 1))).toEqual(['services/ledger.ts', 'ledger-app/pom.xml', 'ledger-app/Dockerfile', 'ledger-app/RUNBOOK.md']);
    const declaration = readFileSync(join(target, 'services', 'ledger.ts'), 'utf8');
    expect(declaration).toContain(`import { JavaWorker } from '${pkg}';`);
    expect(declaration).toContain("return new JavaWorker(platform, 'ledger', { team: 'payments' });");
    expect(readFileSync(join(target, 'ledger-app', 'RUNBOOK.md'), 'utf8')).toContain('Java queue worker owned by team payments.');
  });

  test('fails when its skeleton names a file outside the skeleton directory, writing nothing', () => {
    const target = tempDir();
    const escaping = GOLDEN_PATHS.with({ ...JAVA_WORKER_GOLDEN_PATH, skeleton: () => ({ '../outside.txt': 'no' }) });
    expect(() => scaffoldService({ goldenPath: 'java-worker', goldenPaths: escaping, name: 'ledger', team: 'payments', directory: join(target, 'services'), skeleton: join(target, 'app') }))
      .toThrow("the skeleton of golden path 'java-worker' names '../outside.txt', outside the skeleton directory; nothing was written. Its files must have relative paths without '..'.");
    expect(readTree(target).size).toBe(0);
  });

  test('paved new and paved synth in a platform repository use the registry its app passes', () => {
    const created = paved(['new', 'java-worker', 'ledger', '--team', 'payments', '--skeleton', 'ledger-app', '--import-from', ROOT], dir);
    expect(created.stderr).toBe('');
    expect(created.stdout).toContain('wrote services/ledger.ts, ledger-app/pom.xml, ledger-app/Dockerfile, ledger-app/RUNBOOK.md');
    const synth = paved(['synth'], dir);
    expect(synth.stderr).toBe('');
    expect(synth.stdout).toContain('guardrails: 0 errors');
    const out = readTree(join(dir, 'dist'));
    expect(parse(out.get('ci/ledger.yml')!).jobs.test.steps[1].uses).toBe('actions/setup-java@v4');
    expect(out.has('catalog/template-java-worker.yaml')).toBe(true);

    expect(paved(['new', '--help'], dir).stdout).toContain(`golden-path        ${GOLDEN_PATHS.ids.slice(0, -1).join(', ')} or ${GOLDEN_PATHS.ids.at(-1)},
                     or one the app registers (PlatformBaseline's goldenPaths)`);
    const unknown = paved(['new', 'go-api', 'other', '--team', 'payments'], dir);
    expect(unknown.stderr).toBe(`Error: unknown golden path 'go-api'; the golden paths are ${GOLDEN_PATHS.describeIds()}, 'java-worker'.\n`);
  }, 120_000);

  test('fails when a service\'s golden path is not registered on the platform', () => {
    expect(errorOf(() => new JavaWorker(goldenPathPlatform(), 'ledger', { team: 'payments' })))
      .toBe(`JavaWorker 'ledger': golden path 'java-worker' is not registered on the platform (the golden paths are ${GOLDEN_PATHS.describeIds()}); `
        + 'declare new PlatformBaseline(platform, { goldenPaths: GOLDEN_PATHS.with(<its GoldenPath>) }) before the first service.');
  });
});

describe('the registry', () => {
  test('lists paved\'s golden paths, one folder each, and leaves GOLDEN_PATHS unchanged when extended', () => {
    // The one pin of paved's golden paths: a removal or reordering is seen here.
    expect(GOLDEN_PATHS.ids.slice(0, 4)).toEqual(['node-api', 'python-worker', 'react-frontend', 'grpc-service']);
    for (const { id, className, title, skeleton } of GOLDEN_PATHS.all) {
      expect(existsSync(join(ROOT, 'golden-paths', id, `${id}.ts`))).toBe(true);
      expect(typeof (publicGoldenPaths as Record<string, unknown>)[className]).toBe('function');
      const starter = skeleton({ name: 'ledger', team: 'payments', title });
      expect(starter.Dockerfile).toContain('USER 10001:10001');
      expect(starter['RUNBOOK.md']).toContain(`${title} owned by team payments.`);
    }
    const count = GOLDEN_PATHS.ids.length;
    const extended = GOLDEN_PATHS.with({ ...NODE_API_GOLDEN_PATH, id: 'node-api-2' });
    expect(extended.ids).toEqual([...GOLDEN_PATHS.ids, 'node-api-2']);
    expect(GOLDEN_PATHS.ids).toHaveLength(count);
    expect(GoldenPathRegistry.isGoldenPathRegistry(extended)).toBe(true);
  });

  test('fails when an id is registered twice or a part is missing', () => {
    const at = `goldenPaths[${GOLDEN_PATHS.ids.length}]`;
    expect(errorOf(() => GOLDEN_PATHS.with({ ...NODE_API_GOLDEN_PATH, toolchain: 'node' as any, skeleton: undefined as any })))
      .toBe('GoldenPathRegistry: 3 problems:\n'
        + `  - '${at}.id' is 'node-api', which is registered already; give the golden path another id, or leave one of the two out.\n`
        + `  - '${at}.toolchain' must be a Toolchain (got string); declare it with new Toolchain({ name, setup, install, test }).\n`
        + `  - '${at}.skeleton' must be a function from the service's name, team and title to its starter files (got undefined).`);
  });

  test('fails when PlatformBaseline is given something other than a registry', () => {
    expect(errorOf(() => new PlatformBaseline(new Platform(testPlatformProps()), { goldenPaths: ['java-worker'] as any })))
      .toContain("'goldenPaths' must be a GoldenPathRegistry such as GOLDEN_PATHS.with(...)");
  });
});

describe('Toolchain', () => {
  test('gives the test job its setup, install and test steps', () => {
    expect(NODE_TOOLCHAIN.testSteps).toEqual([
      { name: 'Set up Node.js', uses: 'actions/setup-node@v4', with: { 'node-version': '20', 'cache': 'npm' } },
      { name: 'Install', run: 'npm ci' },
      { name: 'Test', run: 'npm test' },
    ]);
  });

  test('fails when the setup action is not pinned or a command is missing', () => {
    expect(errorOf(() => new Toolchain({ name: 'java', setup: { uses: 'actions/setup-java' }, install: 'mvn -B install', test: '' })))
      .toBe("Toolchain 'java': 'test' must be a non-empty string (got \"\" (string)).");
    expect(errorOf(() => new Toolchain({ name: 'java', setup: { uses: 'actions/setup-java' }, install: 'mvn -B install', test: 'mvn -B test' })))
      .toBe("Toolchain 'java': 'setup.uses' must be a pinned action such as 'actions/setup-node@v4' (got \"actions/setup-java\" (string)); pin the setup action with '@' and a version.");
  });
});
