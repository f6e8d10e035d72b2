import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, readdirSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { ApiObject } from 'cdk8s';
import { Platform, synth } from '../../src';
import { TERRAFORM_TIMEOUT_MS, TestComponent, describeWithTerraform, readTree, runTerraform, synthToTemp, tempDir, testPlatform, whenDeleted } from '../util';

function acme(order: readonly string[]): Platform {
  const platform = testPlatform();
  for (const name of order) {
    new TestComponent(platform, name, name === 'storefront' ? 'web' : 'payments');
  }
  return platform;
}

describe('synth output', () => {
  const outdir = synthToTemp(acme(['checkout', 'storefront']));
  const tree = readTree(outdir);

  test('follows the documented layout', () => {
    expect([...tree.keys()]).toEqual([
      'catalog/component-checkout.yaml',
      'catalog/component-storefront.yaml',
      'gitops/dev/apps/checkout/configmap-checkout-config.yaml',
      'gitops/dev/apps/checkout/kustomization.yaml',
      'gitops/dev/apps/storefront/configmap-storefront-config.yaml',
      'gitops/dev/apps/storefront/kustomization.yaml',
      'gitops/prod/apps/checkout/configmap-checkout-config.yaml',
      'gitops/prod/apps/checkout/kustomization.yaml',
      'gitops/prod/apps/storefront/configmap-storefront-config.yaml',
      'gitops/prod/apps/storefront/kustomization.yaml',
      'gitops/staging/apps/checkout/configmap-checkout-config.yaml',
      'gitops/staging/apps/checkout/kustomization.yaml',
      'gitops/staging/apps/storefront/configmap-storefront-config.yaml',
      'gitops/staging/apps/storefront/kustomization.yaml',
      'manifest.json',
      'portal/index.html',
      'report/index.html',
      'report/report.json',
      'terraform/dev/checkout-dev/cdk.tf.json',
      'terraform/dev/storefront-dev/cdk.tf.json',
      'terraform/prod/checkout-prod/cdk.tf.json',
      'terraform/prod/storefront-prod/cdk.tf.json',
      'terraform/stacks.json',
      'terraform/staging/checkout-staging/cdk.tf.json',
      'terraform/staging/storefront-staging/cdk.tf.json',
    ]);
  });

  test('the manifest lists every other file with its SHA-256', () => {
    const manifest = JSON.parse(tree.get('manifest.json')!);
    // paved's marker: the next synth replaces only a directory whose manifest carries it.
    expect(Object.keys(manifest)).toEqual(['format', 'files']);
    expect(manifest.format).toBe('paved-output/1');
    const listed = manifest.files.map((f: any) => f.path);
    expect(listed).toEqual([...tree.keys()].filter((p) => p !== 'manifest.json'));
    for (const file of manifest.files) {
      expect(file.sha256).toBe(createHash('sha256').update(tree.get(file.path)!).digest('hex'));
      expect(file.bytes).toBe(Buffer.byteLength(tree.get(file.path)!));
    }
  });

  test('each app directory has a kustomization listing its manifests', () => {
    expect(tree.get('gitops/dev/apps/checkout/kustomization.yaml')).toBe(
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - configmap-checkout-config.yaml\n',
    );
  });

  test('the report lists the services with their teams and golden paths', () => {
    const report = JSON.parse(tree.get('report/report.json')!);
    expect(report.services).toEqual([
      { name: 'checkout', team: 'payments', goldenPath: 'test', deviations: 0 },
      { name: 'storefront', team: 'web', goldenPath: 'test', deviations: 0 },
    ]);
    expect(report.totals).toMatchObject({ stacks: 6, manifests: 6, catalogEntities: 2, services: 2, errors: 0 });
  });
});

describe('determinism', () => {
  test('two synths of the same app are byte-identical', () => {
    expect(readTree(synthToTemp(acme(['checkout', 'storefront'])))).toEqual(readTree(synthToTemp(acme(['checkout', 'storefront']))));
  });

  test('declaring services in another order changes no file', () => {
    expect(readTree(synthToTemp(acme(['storefront', 'checkout'])))).toEqual(readTree(synthToTemp(acme(['checkout', 'storefront']))));
  });
});

describe('atomicity', () => {
  test('an error at synth leaves the previous output untouched and no staging directory', () => {
    const outdir = join(tempDir(), 'dist');
    synth(acme(['checkout']), { outdir });
    const before = readTree(outdir);

    const broken = acme(['checkout', 'storefront']);
    const configMap = broken.placement('storefront', 'prod').chart.node.findAll().find(ApiObject.isApiObject)!;
    configMap.node.addValidation({ validate: () => ['this object is broken'] });
    expect(() => synth(broken, { outdir })).toThrow(/\[storefront-prod\/Config\] this object is broken/);

    expect(readTree(outdir)).toEqual(before);
    expect(readdirSync(dirname(outdir))).toEqual(['dist']);
  });

  test('two objects for one file fail the synth and leave the previous output untouched', () => {
    const outdir = join(tempDir(), 'dist');
    synth(acme(['checkout']), { outdir });
    const before = readTree(outdir);
    const clash = acme(['checkout']);
    new ApiObject(clash.placement('checkout', 'dev').chart, 'Twin', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'checkout-config', namespace: 'other' },
    });
    expect(() => synth(clash, { outdir })).toThrow(/two objects would be written to gitops\/dev\/apps\/checkout\/configmap-checkout-config.yaml/);
    expect(readTree(outdir)).toEqual(before);
  });

  test('replaces the previous output as a whole', async () => {
    const outdir = join(tempDir(), 'dist');
    synth(acme(['checkout', 'storefront']), { outdir });
    synth(acme(['checkout']), { outdir });
    expect(existsSync(join(outdir, 'terraform/dev/storefront-dev'))).toBe(false);
    // The previous output is deleted by a detached process, after synth has returned.
    expect(await whenDeleted(dirname(outdir), /^\.dist\.paved-/)).toEqual(['dist']);
  });

  test('a synth into the previous output says whether any file changed', () => {
    const outdir = join(tempDir(), 'dist');
    expect(synth(acme(['checkout']), { outdir }).unchanged).toBe(false);
    expect(synth(acme(['checkout']), { outdir })).toMatchObject({ unchanged: true, files: 15 });
    expect(synth(acme(['checkout', 'storefront']), { outdir }).unchanged).toBe(false);
    expect(synth(acme(['checkout', 'storefront']), { outdir }).unchanged).toBe(true);
  });

  test('fails when the output directory holds files paved did not write, and leaves them', () => {
    const outdir = tempDir();
    writeFileSync(join(outdir, 'notes.md'), 'mine\n');
    expect(() => synth(acme(['checkout']), { outdir })).toThrow(`refusing to replace --out '${outdir}': it holds files paved did not write ('notes.md').`);
    expect(readTree(outdir)).toEqual(new Map([['notes.md', 'mine\n']]));
  });
});

describeWithTerraform('Terraform accepts the stacks', () => {
  test('terraform validate passes on a synthesized stack', async () => {
    const outdir = synthToTemp(acme(['checkout']));
    expect(await runTerraform(join(outdir, 'terraform/prod/checkout-prod'), 'validate', '-no-color')).toContain('The configuration is valid.');
  }, TERRAFORM_TIMEOUT_MS);
});

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
if (kubectl.status !== 0) {
  process.stderr.write('\n*** SKIPPING kustomize test: kubectl is not installed. ***\n\n');
}
(kubectl.status === 0 ? describe : describe.skip)('kustomize accepts the app directories', () => {
  test('kubectl kustomize builds an app directory', () => {
    const outdir = synthToTemp(acme(['checkout']));
    const result = spawnSync('kubectl', ['kustomize', join(outdir, 'gitops/dev/apps/checkout')], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('name: checkout-config');
  });
});
