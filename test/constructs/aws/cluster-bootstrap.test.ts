import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { ArgoCd, ClusterBootstrap, HelmRelease, HANDED_OVER_TO_ARGO_CD, ROOT_APPLICATION_TEMPLATE } from '../../../constructs';
import { rootApplicationManifest } from '../../../constructs/argocd/root-application';
import { PlatformStack, check } from '../../../src';
import {
  CLUSTER_BOOTSTRAP_PROVIDERS, TERRAFORM_TIMEOUT_MS, describeWithTerraform, errorOf, onlyResource, providersNotMirrored, readTree, renderStack,
  resourcesOf, runTerraform, synthToTemp, testPlatform, testPlatformWithFacts, validateManifests,
} from '../../util';

function rootApplication(platform = testPlatform(), environment = 'dev'): Record<string, unknown> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'root', finalizers: ['resources-finalizer.argocd.argoproj.io'] },
    spec: {
      project: 'default',
      source: { repoURL: platform.gitops.repoUrl, path: [platform.gitops.path, environment, 'argocd'].filter(Boolean).join('/'), targetRevision: platform.gitops.revision },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'argocd' },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
  };
}

/** What the `argo-cd` Application of the add-ons renders, as a test stands it in. */
const ARGO_CD: HelmRelease = {
  chart: { repoURL: 'https://argoproj.github.io/argo-helm', chart: 'argo-cd', version: '10.1.1' },
  releaseName: 'argocd',
  namespace: 'argocd',
  values: { configs: { params: { 'server.insecure': true } }, global: { domain: 'argocd.acme.internal' } },
};

const TEMPLATE = `terraform/dev/argocd-dev/${ROOT_APPLICATION_TEMPLATE}`;
const CHART_FILE = 'terraform/dev/argocd-dev/root-application/Chart.yaml';

/** A platform with recorded facts and the bootstrap of dev, its root Application the platform's own. */
function bootstrapped(props: Partial<{ rootApplication: Record<string, unknown>; argoCd: HelmRelease }> = {}) {
  const platform = testPlatformWithFacts();
  const stack = ClusterBootstrap.stackOf(platform, 'dev');
  const bootstrap = new ClusterBootstrap(stack, 'Bootstrap', { rootApplication: rootApplicationManifest(platform, 'dev'), argoCd: ARGO_CD, ...props });
  return { platform, stack, bootstrap };
}

describe('ClusterBootstrap', () => {
  const platform = testPlatform({ gitops: { repoUrl: 'https://github.com/acme/gitops.git', path: 'clusters', revision: 'release' } });
  const stack = ClusterBootstrap.stackOf(platform, 'dev');
  const bootstrap = new ClusterBootstrap(stack, 'Bootstrap', { rootApplication: rootApplication(platform), argoCd: ARGO_CD });
  const json = renderStack(stack);
  const releases = resourcesOf(json, 'helm_release');
  const argoCdAddress = `helm_release.${Object.keys(releases).find((k) => releases[k].name === 'argocd')}`;
  const argoCd = Object.values<any>(releases).find((r) => r.name === 'argocd');
  const root = Object.values<any>(releases).find((r) => r.name === 'root-application');

  test('lives in a stack of its own, argocd-<environment>, owned by the platform', () => {
    expect(stack.node.id).toBe('argocd-dev');
    expect(stack.outputDirectory).toBe('terraform/dev/argocd-dev');
    expect(ClusterBootstrap.stackOf(platform, 'dev')).toBe(stack);
    expect(stack.ownership).toEqual(platform.placement('platform', 'dev').ownership);
    expect(PlatformStack.isPlatformStack(stack)).toBe(true);
  });

  test('reaches the environment\'s cluster by name with the Kubernetes and Helm providers, with a token from aws eks get-token on each run', () => {
    expect(bootstrap.clusterName).toBe('acme-dev');
    expect(json.data.aws_eks_cluster[Object.keys(json.data.aws_eks_cluster)[0]].name).toBe('acme-dev');
    const cluster = `data.aws_eks_cluster.${Object.keys(json.data.aws_eks_cluster)[0]}`;
    const connection = {
      host: `\${${cluster}.endpoint}`,
      cluster_ca_certificate: `\${base64decode(${cluster}.certificate_authority[0].data)}`,
    };
    const exec = {
      api_version: 'client.authentication.k8s.io/v1beta1',
      command: 'aws',
      args: ['eks', 'get-token', '--cluster-name', 'acme-dev', '--region', 'eu-west-1'],
    };
    expect(json.provider.kubernetes).toEqual([{ ...connection, exec: [exec] }]);
    expect(json.provider.helm).toEqual([{ kubernetes: { ...connection, exec } }]);
    expect(json.terraform.required_providers.kubernetes).toEqual({ source: 'kubernetes', version: '2.38.0' });
    expect(json.terraform.required_providers.helm).toEqual({ source: 'helm', version: '3.1.1' });
  });

  test('creates the argocd namespace with the restricted Pod Security Standard and the platform\'s labels', () => {
    expect(onlyResource(json, 'kubernetes_namespace_v1').metadata).toEqual({
      name: 'argocd',
      labels: {
        'app.kubernetes.io/part-of': 'acme',
        'app.kubernetes.io/name': 'platform',
        'app.kubernetes.io/managed-by': 'paved',
        'paved.dev/environment': 'dev',
        'paved.dev/team': 'platform',
        'paved.dev/golden-path': 'none',
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      },
    });
  });

  test('installs Argo CD once into the namespace, as the argo-cd Application renders it, and leaves it to Argo CD afterwards', () => {
    expect(Object.keys(releases)).toHaveLength(2);
    expect(argoCd).toEqual(expect.objectContaining({
      name: 'argocd',
      namespace: 'argocd',
      repository: 'https://argoproj.github.io/argo-helm',
      chart: 'argo-cd',
      version: '10.1.1',
      values: [JSON.stringify(ARGO_CD.values)],
      depends_on: [`kubernetes_namespace_v1.${Object.keys(json.resource.kubernetes_namespace_v1)[0]}`],
      lifecycle: { ignore_changes: ['repository', 'chart', 'version', 'values', 'set'] },
    }));
    expect(argoCd.create_namespace).toBeUndefined();
    expect(bootstrap.argoCd).toBe(ARGO_CD);
    expect(HANDED_OVER_TO_ARGO_CD).toEqual(['repository', 'chart', 'version', 'values', 'set']);
  });

  test('hands Argo CD the root app with a Helm release of the stack\'s local chart, after Argo CD (and its CRDs) are installed', () => {
    expect(root).toEqual(expect.objectContaining({
      name: 'root-application',
      namespace: 'argocd',
      chart: '${path.module}/root-application',
      depends_on: [argoCdAddress],
      lifecycle: { ignore_changes: HANDED_OVER_TO_ARGO_CD },
    }));
    expect(bootstrap.node.defaultChild).toBe(bootstrap.resource);
    expect(json.resource.kubernetes_manifest).toBeUndefined();
    expect(Object.keys(json.resource).sort()).toEqual(['helm_release', 'kubernetes_namespace_v1']);
  });

  test('writes the root app into the local chart: in the namespace, pointing at the environment\'s folder, kept when the release is uninstalled', () => {
    const files = new Map(platform.additionalFiles.map((f) => [f.path, f.content]));
    expect([...files.keys()]).toEqual([CHART_FILE, TEMPLATE]);
    expect(parse(files.get(CHART_FILE)!)).toEqual({
      apiVersion: 'v2',
      name: 'root-application',
      description: 'The root Application of dev, installed once by the cluster bootstrap; Argo CD manages it from Git afterwards.',
      type: 'application',
      version: '1.0.0',
    });
    expect(parse(files.get(TEMPLATE)!)).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'root', namespace: 'argocd', annotations: { 'helm.sh/resource-policy': 'keep' }, finalizers: ['resources-finalizer.argocd.argoproj.io'] },
      spec: {
        project: 'default',
        source: { repoURL: 'https://github.com/acme/gitops.git', path: 'clusters/dev/argocd', targetRevision: 'release' },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'argocd' },
        syncPolicy: { automated: { prune: true, selfHeal: true } },
      },
    });
    expect(files.get(TEMPLATE)).not.toContain('{{');
    expect(bootstrap.rootApplication).toEqual(parse(files.get(TEMPLATE)!));
  });

  test('installs paved\'s argo-cd release (10.1.1 from argo-helm, release argocd in namespace argocd, paved\'s values) by default', () => {
    const other = testPlatform();
    const byDefault = new ClusterBootstrap(ClusterBootstrap.stackOf(other, 'dev'), 'Bootstrap', { rootApplication: rootApplication(other) });
    expect(byDefault.argoCd).toBe(ArgoCd.DEFAULT_RELEASE);
    expect(byDefault.namespace).toBe('argocd');
    const release = Object.values<any>(resourcesOf(renderStack(byDefault.node.scope as PlatformStack), 'helm_release')).find((r) => r.chart === 'argo-cd');
    expect(release).toEqual(expect.objectContaining({ name: 'argocd', namespace: 'argocd', repository: 'https://argoproj.github.io/argo-helm', version: '10.1.1', values: [JSON.stringify(ArgoCd.PAVED_VALUES)] }));
  });

  test('uses the cluster given and the namespace of the release', () => {
    const other = testPlatform();
    const otherStack = ClusterBootstrap.stackOf(other, 'prod');
    new ClusterBootstrap(otherStack, 'Bootstrap', { rootApplication: rootApplication(other, 'prod'), clusterName: 'legacy', argoCd: { ...ARGO_CD, namespace: 'gitops' } });
    const rendered = renderStack(otherStack);
    expect(rendered.provider.kubernetes[0].exec[0].args).toEqual(['eks', 'get-token', '--cluster-name', 'legacy', '--region', 'eu-west-1']);
    expect(rendered.provider.helm[0].kubernetes.exec.args).toEqual(['eks', 'get-token', '--cluster-name', 'legacy', '--region', 'eu-west-1']);
    expect(onlyResource(rendered, 'kubernetes_namespace_v1').metadata.name).toBe('gitops');
    expect(Object.values<any>(resourcesOf(rendered, 'helm_release')).map((r) => r.namespace)).toEqual(['gitops', 'gitops']);
    expect(parse(other.additionalFiles.find((f) => f.path.endsWith('root-application.yaml'))!.content).metadata.namespace).toBe('gitops');
  });

  test('fails when the root application is not an Argo CD Application in the namespace', () => {
    const other = ClusterBootstrap.stackOf(testPlatform(), 'dev');
    const message = errorOf(() => new ClusterBootstrap(other, 'Bootstrap', {
      rootApplication: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'default' } },
    }));
    expect(message).toContain("ClusterBootstrap 'Bootstrap': 3 problems");
    expect(message).toContain("'rootApplication' must be an Argo CD Application (apiVersion 'argoproj.io/v1alpha1', kind 'Application'; got apiVersion \"v1\", kind \"ConfigMap\").");
    expect(message).toContain("'rootApplication.metadata.name' must name the Application (got undefined).");
    expect(message).toContain("'rootApplication.metadata.namespace' must be Argo CD's namespace 'argocd' (got \"default\"); leave it out to have it set.");
  });

  test('fails when the root application holds a Helm template directive', () => {
    const other = testPlatform();
    const application = rootApplication(other);
    const message = errorOf(() => new ClusterBootstrap(ClusterBootstrap.stackOf(other, 'dev'), 'Bootstrap', {
      rootApplication: { ...application, metadata: { name: 'root', annotations: { note: '{{ .Release.Name }}' } } },
    }));
    expect(message).toContain("ClusterBootstrap 'Bootstrap': 'rootApplication' holds '{{', which Helm would read as a template directive");
  });

  test('fails when the Argo CD chart is not pinned to an exact version from a Helm repository', () => {
    const other = testPlatform();
    const message = errorOf(() => new ClusterBootstrap(ClusterBootstrap.stackOf(other, 'dev'), 'Bootstrap', {
      rootApplication: rootApplication(other),
      argoCd: { chart: { repoURL: 'http://charts.example', chart: '', version: '^10.1.1' }, releaseName: 'Argo_CD', namespace: 'Argo CD', values: [] as any },
    }));
    expect(message).toContain("ClusterBootstrap 'Bootstrap': 6 problems");
    expect(message).toContain("'argoCd.chart.repoURL' must be an https:// or oci:// Helm repository (got \"http://charts.example\").");
    expect(message).toContain("'argoCd.chart.chart' must name the chart (got \"\").");
    expect(message).toContain("'argoCd.chart.version' must be an exact chart version such as '10.1.1' (got \"^10.1.1\"); a range would install whatever is newest on the day.");
    expect(message).toContain("'argoCd.namespace' must be a namespace name (a DNS label; got \"Argo CD\").");
    expect(message).toContain("'argoCd.releaseName' must be a DNS label of at most 53 characters, as Helm requires (got \"Argo_CD\").");
    expect(message).toContain("'argoCd.values' must be an object of chart values (got []).");
  });
});

describe('the local chart of the root Application in the synth output', () => {
  const outdir = synthToTemp(bootstrapped().platform);
  const files = readTree(outdir);

  test('is written into the stack\'s directory beside cdk.tf.json and listed in manifest.json', () => {
    expect([...files.keys()].filter((p) => p.startsWith('terraform/dev/argocd-dev/')).sort())
      .toEqual(['terraform/dev/argocd-dev/cdk.tf.json', CHART_FILE, TEMPLATE]);
    const listed = JSON.parse(files.get('manifest.json')!).files.map((f: { path: string }) => f.path);
    expect(listed).toEqual(expect.arrayContaining([CHART_FILE, TEMPLATE]));
  });

  test('is byte-identical across synths', () => {
    const again = readTree(synthToTemp(bootstrapped().platform));
    expect(again.get(CHART_FILE)).toBe(files.get(CHART_FILE));
    expect(again.get(TEMPLATE)).toBe(files.get(TEMPLATE));
  });

  test('holds the platform\'s root Application, valid by the Argo CD schema', () => {
    const application = parse(readFileSync(join(outdir, TEMPLATE), 'utf8'));
    const { platform } = bootstrapped();
    const { annotations, ...metadata } = application.metadata;
    expect({ ...application, metadata }).toEqual(rootApplicationManifest(platform, 'dev'));
    expect(annotations).toEqual({ 'helm.sh/resource-policy': 'keep' });
    expect(validateManifests([{ file: TEMPLATE, object: application }])).toEqual([]);
  });
});

describe('the guardrails see the root Application of the local chart', () => {
  const atTemplate = (platform: ReturnType<typeof bootstrapped>['platform']) =>
    check(platform).findings.filter((f) => f.location.startsWith('terraform/dev/argocd-dev/')).map((f) => `${f.ruleId} ${f.location} ${f.message}`);

  test('the platform\'s own root Application passes them: the first install provides its kind', () => {
    expect(atTemplate(bootstrapped().platform)).toEqual([]);
  });

  test('a first install without the CRDs leaves the root Application a kind nothing installs', () => {
    const { platform } = bootstrapped({ argoCd: { ...ARGO_CD, values: { crds: { install: false } } } });
    expect(atTemplate(platform)).toEqual([expect.stringMatching(/^PAVED-CLS-CRD-001 terraform\/dev\/argocd-dev\/root-application\/templates\/root-application.yaml Application 'argocd\/argocd-dev' in environment 'dev' is of kind 'argoproj.io\/Application'/)]);
  });

  test('a root Application that deploys to another cluster, from another repository, is a finding at its template', () => {
    const platform = testPlatformWithFacts();
    const application = rootApplicationManifest(platform, 'dev');
    const { platform: broken } = bootstrapped({
      rootApplication: { ...application, spec: { ...application.spec, source: { ...application.spec.source, repoURL: 'https://github.com/evil/gitops.git' }, destination: { server: 'https://elsewhere.example', namespace: 'argocd' } } },
    });
    const findings = atTemplate(broken);
    expect(findings).toContain(`PAVED-PLT-ARGO-001 ${TEMPLATE} Application 'argocd-dev' deploys to cluster "https://elsewhere.example", not its own (https://kubernetes.default.svc)`);
    expect(findings.some((f) => f.startsWith(`PAVED-PLT-ARGO-001 ${TEMPLATE} Application 'argocd-dev'`) && f.includes('evil'))).toBe(true);
  });

  test('an object added to the local chart afterwards is checked as well', () => {
    const { platform, stack } = bootstrapped();
    stack.addFile('root-application/templates/extra.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\n  namespace: argocd\nspec:\n  containers:\n    - name: shell\n      image: busybox\n      securityContext:\n        privileged: true\n');
    const findings = atTemplate(platform);
    expect(findings.some((f) => f.includes('terraform/dev/argocd-dev/root-application/templates/extra.yaml') && f.includes('privileged'))).toBe(true);
  });
});

// The offline mirror holds only the AWS provider; without the Kubernetes and Helm providers, init cannot run.
const notMirrored = providersNotMirrored(CLUSTER_BOOTSTRAP_PROVIDERS);
if (notMirrored.length > 0) {
  process.stderr.write(`\n*** SKIPPING terraform validate of the cluster bootstrap stack: the provider mirror has no ${notMirrored.join(' or ')} provider. ***\n\n`);
}
(notMirrored.length === 0 ? describeWithTerraform : describe.skip)('Terraform accepts the bootstrap stack', () => {
  test('terraform validate passes on the argocd stack', async () => {
    const platform = testPlatform();
    new ClusterBootstrap(ClusterBootstrap.stackOf(platform, 'dev'), 'Bootstrap', { rootApplication: rootApplication(platform) });
    expect(await runTerraform(join(synthToTemp(platform), 'terraform/dev/argocd-dev'), 'validate', '-no-color')).toContain('The configuration is valid.');
  }, TERRAFORM_TIMEOUT_MS);
});
