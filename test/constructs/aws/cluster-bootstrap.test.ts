import { join } from 'path';
import { ClusterBootstrap } from '../../../constructs';
import { PlatformStack } from '../../../src';
import {
  TERRAFORM_TIMEOUT_MS, describeWithTerraform, errorOf, mirrorHasProvider, onlyResource, renderStack, runTerraform, synthToTemp, testPlatform,
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

describe('ClusterBootstrap', () => {
  const platform = testPlatform({ gitops: { repoUrl: 'https://github.com/acme/gitops.git', path: 'clusters', revision: 'release' } });
  const stack = ClusterBootstrap.stackOf(platform, 'dev');
  const bootstrap = new ClusterBootstrap(stack, 'Bootstrap', { rootApplication: rootApplication(platform) });
  const json = renderStack(stack);

  test('lives in a stack of its own, argocd-<environment>, owned by the platform', () => {
    expect(stack.node.id).toBe('argocd-dev');
    expect(stack.outputDirectory).toBe('terraform/dev/argocd-dev');
    expect(ClusterBootstrap.stackOf(platform, 'dev')).toBe(stack);
    expect(stack.ownership).toEqual(platform.placement('platform', 'dev').ownership);
    expect(PlatformStack.isPlatformStack(stack)).toBe(true);
  });

  test('reaches the environment\'s cluster by name, with a token from aws eks get-token on each run', () => {
    expect(bootstrap.clusterName).toBe('acme-dev');
    expect(json.data.aws_eks_cluster[Object.keys(json.data.aws_eks_cluster)[0]].name).toBe('acme-dev');
    const cluster = `data.aws_eks_cluster.${Object.keys(json.data.aws_eks_cluster)[0]}`;
    expect(json.provider.kubernetes).toEqual([{
      host: `\${${cluster}.endpoint}`,
      cluster_ca_certificate: `\${base64decode(${cluster}.certificate_authority[0].data)}`,
      exec: [{
        api_version: 'client.authentication.k8s.io/v1beta1',
        command: 'aws',
        args: ['eks', 'get-token', '--cluster-name', 'acme-dev', '--region', 'eu-west-1'],
      }],
    }]);
    expect(json.terraform.required_providers.kubernetes).toEqual({ source: 'kubernetes', version: '2.38.0' });
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

  test('applies the root app of apps in the namespace, pointing at the environment\'s folder of the GitOps repository', () => {
    const manifest = onlyResource(json, 'kubernetes_manifest');
    expect(manifest.manifest).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'root', namespace: 'argocd', finalizers: ['resources-finalizer.argocd.argoproj.io'] },
      spec: {
        project: 'default',
        source: { repoURL: 'https://github.com/acme/gitops.git', path: 'clusters/dev/argocd', targetRevision: 'release' },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'argocd' },
        syncPolicy: { automated: { prune: true, selfHeal: true } },
      },
    });
    expect(manifest.depends_on).toEqual([`kubernetes_namespace_v1.${Object.keys(json.resource.kubernetes_namespace_v1)[0]}`]);
    expect(bootstrap.node.defaultChild).toBe(bootstrap.resource);
  });

  test('uses the cluster and namespace given', () => {
    const other = testPlatform();
    const otherStack = ClusterBootstrap.stackOf(other, 'prod');
    new ClusterBootstrap(otherStack, 'Bootstrap', { rootApplication: rootApplication(other, 'prod'), clusterName: 'legacy', namespace: 'gitops' });
    const rendered = renderStack(otherStack);
    expect(rendered.provider.kubernetes[0].exec[0].args).toEqual(['eks', 'get-token', '--cluster-name', 'legacy', '--region', 'eu-west-1']);
    expect(onlyResource(rendered, 'kubernetes_namespace_v1').metadata.name).toBe('gitops');
    expect(onlyResource(rendered, 'kubernetes_manifest').manifest.metadata.namespace).toBe('gitops');
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
});

// The offline mirror holds only the AWS provider; without the Kubernetes provider, init cannot run.
const kubernetesProviderMirrored = mirrorHasProvider('hashicorp/kubernetes');
if (!kubernetesProviderMirrored) {
  process.stderr.write('\n*** SKIPPING terraform validate of the cluster bootstrap stack: the provider mirror has no hashicorp/kubernetes provider. ***\n\n');
}
(kubernetesProviderMirrored ? describeWithTerraform : describe.skip)('Terraform accepts the bootstrap stack', () => {
  test('terraform validate passes on the argocd stack', async () => {
    const platform = testPlatform();
    new ClusterBootstrap(ClusterBootstrap.stackOf(platform, 'dev'), 'Bootstrap', { rootApplication: rootApplication(platform) });
    expect(await runTerraform(join(synthToTemp(platform), 'terraform/dev/argocd-dev'), 'validate', '-no-color')).toContain('The configuration is valid.');
  }, TERRAFORM_TIMEOUT_MS);
});
