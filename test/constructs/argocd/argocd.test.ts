import { ArgoCdApplication, ArgoCdProject, PreviewApplicationSet, RootApplication, rootApplicationManifest } from '../../../constructs';
import { objectOfKind, objectsOfKind, testPlatform } from '../../util';

function argo(gitopsPath?: string) {
  const platform = testPlatform({ gitops: { repoUrl: 'https://github.com/acme/gitops.git', path: gitopsPath } });
  platform.declareComponent({ name: 'checkout', team: 'payments' });
  return { platform, chart: platform.argoCdChart('dev') };
}

const SYNC_POLICY = {
  automated: { prune: true, selfHeal: true },
  syncOptions: ['ServerSideApply=true', 'PruneLast=true'],
  retry: { limit: 5, backoff: { duration: '5s', factor: 2, maxDuration: '3m' } },
};

describe('ArgoCdApplication', () => {
  test('a service syncs its app directory into its team namespace, in its team project', () => {
    const { chart } = argo();
    const app = new ArgoCdApplication(chart, 'Checkout', { component: 'checkout' });
    expect([app.name, app.project, app.syncWave, app.path]).toEqual(['checkout-dev', 'payments', 0, 'dev/apps/checkout']);
    expect(objectOfKind(chart, 'Application')).toMatchObject({
      apiVersion: 'argoproj.io/v1alpha1',
      metadata: { name: 'checkout-dev', namespace: 'argocd', labels: { 'paved.dev/component': 'checkout' }, annotations: { 'argocd.argoproj.io/sync-wave': '0' }, finalizers: ['resources-finalizer.argocd.argoproj.io'] },
      spec: {
        project: 'payments',
        source: { repoURL: 'https://github.com/acme/gitops.git', targetRevision: 'main', path: 'dev/apps/checkout' },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'payments' },
        syncPolicy: SYNC_POLICY,
      },
    });
  });

  test('the platform app syncs before services; the gitops path prefixes the source', () => {
    const { chart } = argo('/deploy/');
    new ArgoCdApplication(chart, 'Platform', { component: 'platform', project: 'platform' });
    const app = objectOfKind(chart, 'Application');
    expect(app.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '-2' });
    expect(app.spec.source.path).toBe('deploy/dev/apps/platform');
    expect(app.spec.destination).toEqual({ server: 'https://kubernetes.default.svc' });
  });

  test('fails when the component is not declared', () => {
    expect(() => new ArgoCdApplication(argo().chart, 'X', { component: 'nope' })).toThrow("no component called 'nope' is declared");
  });
});

describe('RootApplication', () => {
  test('the construct writes exactly the manifest a bootstrap applies', () => {
    const { platform, chart } = argo();
    new RootApplication(chart, 'Root');
    const manifest = rootApplicationManifest(platform, 'dev');
    expect(objectOfKind(chart, 'Application')).toEqual(manifest);
    expect(manifest).toMatchObject({
      metadata: { name: 'argocd-dev', namespace: 'argocd', labels: { 'paved.dev/component': 'argocd', 'app.kubernetes.io/name': 'platform' } },
      spec: { project: 'default', source: { path: 'dev/argocd' }, destination: { namespace: 'argocd' }, syncPolicy: SYNC_POLICY },
    });
  });
});

describe('ArgoCdProject', () => {
  test('a team project: the GitOps repo, the team namespace, no cluster-scoped kinds, no quota changes', () => {
    const { chart } = argo();
    const project = ArgoCdProject.forTeam(chart, 'payments');
    expect([project.name, project.namespaces, project.clusterResourceKinds, project.groups]).toEqual(['payments', ['payments'], [], ['acme-payments']]);
    const object = objectOfKind(chart, 'AppProject');
    expect(object.metadata).toMatchObject({ name: 'payments', namespace: 'argocd', annotations: { 'argocd.argoproj.io/sync-wave': '-3' } });
    expect(object.spec).toEqual({
      description: 'Services of team payments',
      sourceRepos: ['https://github.com/acme/gitops.git'],
      destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'payments' }],
      clusterResourceWhitelist: [],
      namespaceResourceBlacklist: [{ group: '', kind: 'LimitRange' }, { group: '', kind: 'ResourceQuota' }],
      roles: [{
        name: 'team',
        description: "Members of acme-payments see and sync the project's Applications.",
        groups: ['acme-payments'],
        policies: ['p, proj:payments:team, applications, get, payments/*, allow', 'p, proj:payments:team, applications, sync, payments/*, allow'],
      }],
    });
  });

  test('previews add the preview namespaces; other projects may list cluster kinds', () => {
    const { chart } = argo();
    ArgoCdProject.forTeam(chart, 'payments', { previews: true });
    new ArgoCdProject(chart, 'Platform', { name: 'platform', namespaces: ['*'], clusterResourceKinds: [{ group: '', kind: 'Namespace' }] });
    const [payments, platform] = objectsOfKind(chart, 'AppProject');
    expect(payments.spec.destinations.map((d: any) => d.namespace)).toEqual(['payments', 'payments-preview-*']);
    expect(platform.spec.clusterResourceWhitelist).toEqual([{ group: '', kind: 'Namespace' }]);
    expect(platform.spec.roles).toBeUndefined();
  });
});

describe('PreviewApplicationSet', () => {
  test('a pull request generator that deploys each labelled pull request into its own restricted namespace', () => {
    const { chart } = argo();
    const set = new PreviewApplicationSet(chart, 'Previews', { component: 'checkout', repository: 'acme/checkout', imageRepository: 'ghcr.io/acme/checkout', tokenSecretName: 'github' });
    expect([set.owner, set.repo, set.labels]).toEqual(['acme', 'checkout', ['preview']]);
    const object = objectOfKind(chart, 'ApplicationSet');
    expect(object.metadata).toMatchObject({ name: 'checkout-previews', namespace: 'argocd' });
    expect(object.spec.generators).toEqual([{ pullRequest: { github: { owner: 'acme', repo: 'checkout', labels: ['preview'], tokenRef: { secretName: 'github', key: 'token' } }, requeueAfterSeconds: 300 } }]);
    const namespace = 'payments-preview-checkout-{{ .number }}';
    expect(object.spec.template).toMatchObject({
      metadata: { name: 'checkout-pr-{{ .number }}' },
      spec: {
        project: 'payments',
        source: { path: 'dev/apps/checkout', kustomize: { namespace, images: ['ghcr.io/acme/checkout:{{ .head_sha }}'] } },
        destination: { namespace },
        syncPolicy: { syncOptions: ['ServerSideApply=true', 'PruneLast=true', 'CreateNamespace=true'], managedNamespaceMetadata: { labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } },
      },
    });
  });

  test('fails when the repository is not owner/repo', () => {
    expect(() => new PreviewApplicationSet(argo().chart, 'P', { component: 'checkout', repository: 'checkout', imageRepository: 'x' }))
      .toThrow("PreviewApplicationSet 'P': 'repository' must be a GitHub repository as 'owner/repo' (got 'checkout').");
  });
});
