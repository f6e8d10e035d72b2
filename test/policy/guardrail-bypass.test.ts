/**
 * Nothing bypasses the guardrails: files added with addFile may not replace what paved writes,
 * Aspects and late mutation are checked, added kustomize components are applied as kustomize
 * applies them (compared with the real kustomize), and the release component stays compliant.
 */
import { existsSync } from 'fs';
import { join } from 'path';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { ApiObject, JsonPatch } from 'cdk8s';
import { Aspects, IAspect } from 'cdktf';
import { IConstruct } from 'constructs';
import { parseAllDocuments, stringify } from 'yaml';
import { checkout, ruleWithId } from './rules/rule-case';
import { ArgoCdApplication, ArgoCdProject, Bucket, Image, SecureWorkload, TeamTenancy } from '../../constructs';
import { NodeApi } from '../../golden-paths';
import { Platform, evaluatePolicy, check, synth } from '../../src';
import { collectArtifacts } from '../../src/policy/collect-artifacts';
import { renderPlatform } from '../../src/synth/render-platform';
import { describeWithKubectl, errorOf, goldenPathPlatform, kustomize, tempDir, testPlatformWithFacts } from '../util';

const IMAGE = Image.fromTag('111111111111.dkr.ecr.eu-west-1.amazonaws.com/checkout', '1.4.2');
const COMPONENT = { apiVersion: 'kustomize.config.k8s.io/v1alpha1', kind: 'Component' };

function withWorkload(): Platform {
  const platform = testPlatformWithFacts();
  new SecureWorkload(checkout(platform).chart, 'Workload', { image: IMAGE });
  return platform;
}

const ruleIds = (platform: Platform) => check(platform).findings.map((f) => `${f.ruleId} ${f.location} ${f.message}`);

describe('files added with addFile', () => {
  test('a .tf.json file beside a stack is checked with the stack, not refused as uncheckable', () => {
    const platform = withWorkload();
    new Bucket(checkout(platform).stack, 'Uploads');
    platform.addFile('terraform/dev/checkout-dev/admin.tf.json', JSON.stringify({
      resource: { aws_iam_role_policy_attachment: { Admin: { role: 'acme-dev-checkout-app', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' } } },
    }));
    const found = ruleIds(platform);
    expect(found).toContain('PAVED-AWS-IAM-005 terraform/dev/checkout-dev/cdk.tf.json#aws_iam_role_policy_attachment.Admin policy_arn attaches AdministratorAccess, which grants every action');
    expect(found.filter((f) => f.startsWith('PAVED-PLT-FILE-001'))).toEqual([]);
  });

  test('fails when an added file would replace a checked Deployment', () => {
    const platform = withWorkload();
    platform.addFile('gitops/dev/apps/checkout/deployment-checkout.yaml', 'kind: Deployment\n');
    expect(errorOf(() => check(platform))).toBe("Platform 'acme': the file added with addFile('gitops/dev/apps/checkout/deployment-checkout.yaml') would replace gitops/dev/apps/checkout/deployment-checkout.yaml (Deployment 'checkout' of chart 'checkout-dev'), which the guardrails check; change that object through its construct (or an escape hatch on it), or give the added file another path.");
  });

  test('fails when added files would replace a stack, a kustomization, the report, manifest.json or a file spelled in other case', () => {
    const platform = withWorkload();
    new Bucket(checkout(platform).stack, 'Uploads');
    for (const path of ['terraform/dev/checkout-dev/cdk.tf.json', 'gitops/dev/apps/checkout/kustomization.yaml', 'report/report.json', 'manifest.json', 'gitops/dev/apps/checkout/Deployment-Checkout.yaml', 'gitops/dev/apps/checkout/deployment-checkout.yaml/x']) {
      platform.addFile(path, '{}');
    }
    const message = errorOf(() => check(platform));
    expect(message).toMatch(/^Platform 'acme': 6 problems:/);
    expect(message).toContain("addFile('terraform/dev/checkout-dev/cdk.tf.json') would replace terraform/dev/checkout-dev/cdk.tf.json (Terraform stack 'checkout-dev')");
    expect(message).toContain("addFile('gitops/dev/apps/checkout/kustomization.yaml') would replace gitops/dev/apps/checkout/kustomization.yaml (the kustomization of gitops/dev/apps/checkout)");
    expect(message).toContain("addFile('report/report.json') would replace report/report.json (written by synth)");
    expect(message).toContain("addFile('manifest.json') would replace manifest.json (written by synth)");
    expect(message).toContain("addFile('gitops/dev/apps/checkout/Deployment-Checkout.yaml') would replace gitops/dev/apps/checkout/deployment-checkout.yaml (Deployment 'checkout' of chart 'checkout-dev')");
    expect(message).toContain("addFile('gitops/dev/apps/checkout/deployment-checkout.yaml/x') would replace gitops/dev/apps/checkout/deployment-checkout.yaml");
  });

  test('synth writes nothing when an added file takes a checked path', () => {
    const platform = withWorkload();
    platform.addFile('gitops/dev/apps/checkout/deployment-checkout.yaml', 'kind: Deployment\n');
    const outdir = join(tempDir(), 'dist');
    expect(() => synth(platform, { outdir })).toThrow(/would replace gitops\/dev\/apps\/checkout\/deployment-checkout.yaml/);
    expect(existsSync(outdir)).toBe(false);
  });

  test.each([
    ['../outside.yaml', '"outside.yaml"'],
    ['/etc/passwd', '"/etc/passwd"'],
    ['gitops/dev/./apps/x.yaml', '"gitops/dev/apps/x.yaml"'],
    ['gitops//dev/x.yaml', '"gitops/dev/x.yaml"'],
    ['gitops/dev/', '"gitops/dev"'],
  ])('fails when the path is %s', (path, fix) => {
    expect(errorOf(() => testPlatformWithFacts().addFile(path, ''))).toBe(`Platform 'acme': addFile 'path' must be a normalized path relative to the output directory, without '.', '..', '\\' or a trailing '/' (got ${JSON.stringify(path)} of type string); write it as ${fix}.`);
  });

  test('fails when two added files differ only in case', () => {
    const platform = testPlatformWithFacts();
    platform.addFile('ci/Checkout.yml', '');
    expect(errorOf(() => platform.addFile('ci/checkout.yml', ''))).toBe("Platform 'acme': two files would be written to ci/checkout.yml and ci/Checkout.yml (the same file on a case-insensitive file system); give one of them another name.");
  });
});

describe('Aspects and late mutation are checked', () => {
  test('a cdktf Aspect that turns off a public access setting', () => {
    const platform = testPlatformWithFacts();
    const stack = checkout(platform).stack;
    new Bucket(stack, 'Uploads');
    const aspect: IAspect = {
      visit: (node: IConstruct) => {
        if (node instanceof S3BucketPublicAccessBlock) {
          node.restrictPublicBuckets = false;
        }
      },
    };
    Aspects.of(stack).add(aspect);
    expect(ruleIds(platform)).toContain('PAVED-AWS-S3-002 terraform/dev/checkout-dev/cdk.tf.json#aws_s3_bucket.Uploads_4F6EB0FD restrict_public_buckets is false in aws_s3_bucket_public_access_block.Uploads_PublicAccessBlock_5612AD59');
  });

  test('a cdk8s construct mutated after construction: a privileged sidecar added to the Deployment', () => {
    const platform = testPlatformWithFacts();
    const secure = new SecureWorkload(checkout(platform).chart, 'Workload', { image: IMAGE });
    secure.deployment.addContainer({ name: 'sidecar', image: IMAGE.reference, securityContext: { privileged: true, ensureNonRoot: false } });
    expect(ruleIds(platform)).toContain("PAVED-K8S-POD-001 gitops/dev/apps/checkout/deployment-checkout.yaml container 'sidecar' is privileged");
  });
});

describe('added kustomize components', () => {
  test("a golden path's release component (images only) is applied and compliant", () => {
    const platform = goldenPathPlatform({ asOf: '2026-11-28' });
    new NodeApi(platform, 'checkout', { team: 'payments' });
    const result = check(platform);
    expect(result.findings.filter((f) => f.ruleId === 'PAVED-PLT-FILE-001')).toEqual([]);
    expect(result.unjustifiedErrors).toEqual([]);
    const artifacts = collectArtifacts(platform, renderPlatform(platform));
    const deployment = artifacts.kubernetes.find((o) => o.location === 'gitops/prod/apps/checkout/deployment-checkout.yaml')!;
    expect(deployment.containers.map((c) => c.image)).toEqual(['333333333333.dkr.ecr.eu-west-1.amazonaws.com/acme-prod-checkout-images:0.1.0']);
  });

  describeWithKubectl('match what kustomize builds', () => {
    test('images, a strategic-merge patch of a container and RFC 6902 operations', () => {
      const platform = withWorkload();
      const chart = checkout(platform).chart;
      chart.addKustomizeComponent('../../releases/checkout');
      platform.addFile('gitops/dev/releases/checkout/kustomization.yaml', stringify({
        ...COMPONENT,
        images: [{ name: IMAGE.repository, digest: `sha256:${'c'.repeat(64)}` }],
        patches: [
          { path: 'env.yaml' },
          { target: { kind: 'Deployment', name: 'checkout' }, patch: stringify([{ op: 'add', path: '/metadata/annotations/example.com~1reviewed', value: 'reviewed' }, { op: 'replace', path: '/spec/template/spec/containers/0/resources/limits/memory', value: '1Gi' }]) },
        ],
      }));
      platform.addFile('gitops/dev/releases/checkout/env.yaml', stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'checkout', namespace: 'payments' },
        spec: { template: { spec: { containers: [{ name: 'checkout', env: [{ name: 'FEATURE', value: 'enabled' }] }] } } },
      }));
      const checked = collectArtifacts(platform, renderPlatform(platform)).kubernetes.find((o) => o.location === 'gitops/dev/apps/checkout/deployment-checkout.yaml')!;
      // Unchecked: the workload alone, without its tenancy, is not compliant; only kustomize's build is compared here.
      const outdir = join(tempDir(), 'dist');
      synth(platform, { outdir, check: false });
      const built = parseAllDocuments(kustomize(join(outdir, 'gitops/dev/apps/checkout'))).map((d) => d.toJS()).find((o) => o.kind === 'Deployment');
      expect(checked.json.metadata.annotations['example.com/reviewed']).toBe('reviewed');
      expect(checked.json.metadata.annotations).toEqual(built.metadata.annotations);
      expect(checked.json.spec.template.spec.containers).toEqual(built.spec.template.spec.containers);
      expect(checked.containers[0].image).toBe(`${IMAGE.repository}@sha256:${'c'.repeat(64)}`);
      expect(checked.containers[0].env).toContainEqual({ name: 'FEATURE', value: 'enabled' });
    });
  });
});

describe('Argo CD scoping reads paths and repositories as Argo CD does', () => {
  test('an Application spelled with a capital host, no .git, ./, .. and a trailing / is in scope; the same climbing out is not', () => {
    const argo = (path: string) => {
      const platform = testPlatformWithFacts();
      new TeamTenancy(platform.placement('platform', 'dev').chart, 'Tenancy-payments', { team: 'payments' });
      ArgoCdProject.forTeam(platform.argoCdChart('dev'), 'payments');
      checkout(platform);
      const application = new ArgoCdApplication(platform.argoCdChart('dev'), 'Checkout', { component: 'checkout' });
      ApiObject.of(application.resource).addJsonPatch(JsonPatch.replace('/spec/source/repoUrl', 'https://GitHub.com/acme/gitops/'), JsonPatch.replace('/spec/source/path', path));
      const artifacts = collectArtifacts(platform, renderPlatform(platform));
      const rendered = artifacts.kubernetes.find((o) => o.kind === 'Application')!;
      expect(rendered.json.spec.source).toMatchObject({ repoURL: 'https://GitHub.com/acme/gitops/', path });
      return evaluatePolicy(artifacts, [ruleWithId('PAVED-PLT-ARGO-001')], []).findings.map((f) => f.message);
    };
    expect(argo('./dev/apps/../apps/checkout/')).toEqual([]);
    expect(argo('dev/apps/checkout/../../../prod/apps/checkout')).toEqual([
      "Application 'checkout-dev' deploys its source from path \"dev/apps/checkout/../../../prod/apps/checkout\", outside the directories of team 'payments' in this cluster",
    ]);
  });
});
