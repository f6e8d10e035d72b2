import { spawnSync } from 'child_process';
import { readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { parse } from 'yaml';
import acme from '../../examples/acme/platform';
import { GOLDEN_PATHS, templateDeclarationSkeleton } from '../../golden-paths';
import { synth } from '../../src';
import {
  PROVIDER_MIRROR, TERRAFORM, TERRAFORM_TIMEOUT_MS, describeWithKubectl, describeWithTerraform, kustomize,
  CLUSTER_BOOTSTRAP_PROVIDERS, providersNotMirrored, readTree, runTerraform, synthToTemp, tempDir, validateSynthOutput,
} from '../util';

/** The bundled example, synthesized once: what `npx paved synth examples/acme/platform.ts` writes. */
const outdir = synthToTemp(acme);
const files = readTree(outdir);
const report = JSON.parse(files.get('report/report.json')!);

describe('the acme example', () => {
  test('declares three environments, four teams and six services on all four golden paths', () => {
    expect(report.environments.map((e: any) => e.name)).toEqual(['dev', 'staging', 'prod']);
    expect(report.teams.map((t: any) => t.name)).toEqual(['fulfilment', 'payments', 'platform-eng', 'web']);
    expect(report.services.map((s: any) => `${s.name} ${s.goldenPath}`)).toEqual([
      'checkout node-api', 'fulfilment-worker python-worker', 'inventory grpc-service', 'payments-api node-api', 'report-builder python-worker', 'storefront react-frontend',
    ]);
    expect(report.adoption).toEqual({ onGoldenPath: 6, services: 6, rate: 1 });
  });

  test('has no unjustified finding and exactly its declared deviation, in every environment', () => {
    expect(report.checked).toBe(true);
    expect(report.totals).toMatchObject({ errors: 0, justified: 3, deviations: 3, staleDeviations: 0 });
    expect(report.deviations.map((d: any) => [d.declaredBy, d.ruleId, d.justified])).toEqual([
      ['report-builder', 'PAVED-K8S-POD-003', 1], ['report-builder', 'PAVED-K8S-POD-003', 1], ['report-builder', 'PAVED-K8S-POD-003', 1],
    ]);
    expect(report.findings.filter((f: any) => !f.justification)).toEqual(report.findings.filter((f: any) => f.level === 'warning'));
  });

  test('every manifest and entity passes the upstream validators', async () => {
    expect(await validateSynthOutput(outdir)).toEqual([]);
  });

  test('written on a worker thread while it renders, the output is the same', () => {
    const background = join(tempDir(), 'dist');
    synth(acme, { outdir: background, backgroundWriter: true });
    expect(readTree(background)).toEqual(files);
  });

  test('gives each Template its golden path\'s declaration as its skeleton, beside it', () => {
    for (const goldenPath of GOLDEN_PATHS.all) {
      const skeleton = templateDeclarationSkeleton(goldenPath);
      expect(parse(files.get(`catalog/template-${goldenPath.id}.yaml`)!).spec.steps[0].input).toMatchObject({ url: `./skeletons/${goldenPath.id}`, templateFileExtension: '.njk', targetPath: 'services' });
      expect([...files.keys()].filter((p) => p.startsWith(`catalog/skeletons/${goldenPath.id}/`)))
        .toEqual(Object.keys(skeleton).map((p) => `catalog/skeletons/${goldenPath.id}/${p}.njk`));
      for (const [path, content] of Object.entries(skeleton)) {
        expect(files.get(`catalog/skeletons/${goldenPath.id}/${path}.njk`)).toBe(content);
      }
    }
  });

  test('writes no Secret and no secret value', () => {
    for (const [path, content] of files) {
      expect({ path, secret: /^kind: Secret$/m.test(content) || /password:\s*\S/i.test(content) }).toEqual({ path, secret: false });
    }
  });
});

/**
 * `test/examples/acme-manifest.json` is the manifest (every file with its size and SHA-256) of
 * `paved synth examples/acme/platform.ts --as-of 2026-11-28`. Work on how paved synthesizes must
 * keep it; a deliberate change of output regenerates it with that command and `--out`, then a
 * copy of the new `manifest.json`.
 */
test('paved synth writes the acme output byte for byte as recorded', () => {
  const out = join(tempDir(), 'dist');
  const run = spawnSync(process.execPath, [resolve(__dirname, '../../bin/paved'), 'synth', resolve(__dirname, '../../examples/acme/platform.ts'), '--as-of', '2026-11-28', '--out', out], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toEqual(JSON.parse(readFileSync(join(__dirname, 'acme-manifest.json'), 'utf8')));
});

describeWithKubectl('the acme GitOps tree builds with kustomize', () => {
  const directories = ['dev', 'staging', 'prod'].flatMap((env) => [
    ...readdirSync(join(outdir, 'gitops', env, 'apps')).map((app) => `gitops/${env}/apps/${app}`),
    `gitops/${env}/argocd`,
  ]);
  test.each(directories)('%s', (directory) => {
    expect(kustomize(join(outdir, directory)).length).toBeGreaterThan(0);
  });
});

describeWithTerraform('the acme stacks pass Terraform', () => {
  const stacks = JSON.parse(files.get('terraform/stacks.json')!).stacks as { id: string; directory: string }[];
  const bootstrapStacks = stacks.filter((s) => s.id.startsWith('argocd-'));
  const awsOnly = stacks.filter((s) => !bootstrapStacks.includes(s));
  // The Argo CD bootstrap stacks need the Helm and Kubernetes providers, which the offline mirror lacks.
  const notMirrored = providersNotMirrored(CLUSTER_BOOTSTRAP_PROVIDERS);
  if (notMirrored.length > 0) {
    process.stderr.write(`\n*** SKIPPING terraform validate of ${bootstrapStacks.length} Argo CD bootstrap stacks: the provider mirror has no ${notMirrored.join(' or ')} provider. ***\n\n`);
  }

  /** Runs terraform validate on `selected`, two at a time (each validate loads the 700 MB AWS provider); the failures. */
  async function validateAll(selected: readonly { id: string; directory: string }[]): Promise<string[]> {
    const queue = [...selected];
    const failures: string[] = [];
    await Promise.all([0, 1].map(async () => {
      for (let stack = queue.shift(); stack; stack = queue.shift()) {
        try {
          await runTerraform(join(outdir, stack.directory), 'validate', '-no-color');
        } catch (error) {
          failures.push(`${stack.id}: ${(error as Error).message}`);
        }
      }
    }));
    return failures;
  }

  test(`every AWS stack (${awsOnly.length}) passes terraform validate`, async () => {
    expect(await validateAll(awsOnly)).toEqual([]);
  }, 10 * TERRAFORM_TIMEOUT_MS);

  (notMirrored.length === 0 ? test : test.skip)(`every Argo CD bootstrap stack (${bootstrapStacks.length}) passes terraform validate`, async () => {
    expect(await validateAll(bootstrapStacks)).toEqual([]);
  }, 5 * TERRAFORM_TIMEOUT_MS);

  test('paved plan --env dev --offline plans every dev stack without credentials', () => {
    const result = spawnSync(process.execPath, [
      resolve(__dirname, '../../bin/paved'), 'plan', '--dist', outdir, '--env', 'dev', '--offline', '--provider-mirror', PROVIDER_MIRROR, '--engine', TERRAFORM, '--parallelism', '2',
    ], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/plan: 8 stacks, 7 ok, 0 failed, 0 skipped, 1 online-only \(argocd-dev: planned with credentials only\)/);
    expect(result.stdout).toMatch(/^checkout-dev\s+dev\s+\d+\s+0\s+0\s+ok/m);
  }, 5 * TERRAFORM_TIMEOUT_MS);
});
