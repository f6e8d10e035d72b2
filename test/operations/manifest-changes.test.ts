import { stringify } from 'yaml';
import { manifestChanges } from '../../src/operations/manifest-changes';

const yaml = (...objects: object[]) => objects.map((o) => stringify(o)).join('---\n');

function deployment(container: object, replicas = 2): object {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'checkout', namespace: 'checkout' },
    spec: { replicas, template: { spec: { containers: [{ name: 'checkout', image: 'repo/checkout:0.1.0', ...container }] } } },
  };
}

describe('manifestChanges names what changed in Kubernetes objects', () => {
  test('container images, replicas, probes and resources of a workload', () => {
    const before = yaml(deployment({ readinessProbe: { httpGet: { path: '/ready', port: 8080 } }, resources: { requests: { cpu: '100m' } } }));
    const after = yaml(deployment({
      image: 'repo/checkout:0.2.0', readinessProbe: { httpGet: { path: '/healthz', port: 8080 } }, resources: { requests: { cpu: '250m' }, limits: { memory: '512Mi' } },
    }, 3));
    expect(manifestChanges(before, after)).toEqual([
      { aspect: 'replicas', object: 'Deployment/checkout', detail: 'replicas 2 -> 3' },
      { aspect: 'image', object: 'Deployment/checkout', detail: "container 'checkout' image repo/checkout 0.1.0 -> 0.2.0" },
      { aspect: 'probes', object: 'Deployment/checkout', detail: "container 'checkout': readinessProbe changed" },
      { aspect: 'resources', object: 'Deployment/checkout', detail: "container 'checkout': requests cpu=100m, limits none -> requests cpu=250m, limits memory=512Mi" },
    ]);
  });

  test('a kustomize component pinning another image, a digest in full', () => {
    const component = (image: object) => yaml({ apiVersion: 'kustomize.config.k8s.io/v1alpha1', kind: 'Component', images: [{ name: 'repo/checkout', ...image }] });
    expect(manifestChanges(component({ newTag: '0.1.0' }), component({ digest: 'sha256:abc' }))).toEqual([
      { aspect: 'image', object: 'Component', detail: 'image repo/checkout 0.1.0 -> sha256:abc' },
    ]);
  });

  test('network policies and RBAC objects changed, added or removed', () => {
    const policy = (port: number) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'checkout' }, spec: { podSelector: {}, ingress: [{ ports: [{ port }] }] } });
    const role = (verbs: string[]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs }] });
    const binding = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'admins' }, roleRef: { kind: 'ClusterRole', name: 'admin' }, subjects: [] };
    expect(manifestChanges(yaml(policy(8080), role(['get']), binding), yaml(policy(9090), role(['get', 'delete'])))).toEqual([
      { aspect: 'rbac', object: 'ClusterRoleBinding/admins', detail: 'removed' },
      { aspect: 'network-policy', object: 'NetworkPolicy/checkout', detail: 'ingress changed' },
      { aspect: 'rbac', object: 'Role/reader', detail: 'rules changed' },
    ]);
    expect(manifestChanges(undefined, yaml(policy(8080)))).toEqual([{ aspect: 'network-policy', object: 'NetworkPolicy/checkout', detail: 'added' }]);
  });

  test('Argo CD scoping: AppProject destinations, repositories and roles; Application project and destination', () => {
    const project = (namespace: string, repos: string[]) => ({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'payments', namespace: 'argocd' },
      spec: { destinations: [{ namespace, server: 'https://kubernetes.default.svc' }], sourceRepos: repos, roles: [], description: 'x' },
    });
    const application = (appProject: string, namespace: string) => ({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'checkout-dev', namespace: 'argocd' },
      spec: { project: appProject, destination: { namespace }, source: { path: 'gitops/dev/apps/checkout' } },
    });
    expect(manifestChanges(yaml(project('checkout', ['a']), application('payments', 'checkout')), yaml(project('*', ['a', 'b']), application('default', 'kube-system')))).toEqual([
      { aspect: 'argocd-scoping', object: 'AppProject/payments', detail: 'destinations changed' },
      { aspect: 'argocd-scoping', object: 'AppProject/payments', detail: 'sourceRepos changed' },
      { aspect: 'argocd-scoping', object: 'Application/checkout-dev', detail: 'project changed' },
      { aspect: 'argocd-scoping', object: 'Application/checkout-dev', detail: 'destination changed' },
    ]);
  });

  test('names nothing for other changes, for a new workload, or for the same objects in another order or format', () => {
    const config = (value: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { value } });
    expect(manifestChanges(yaml(config('a')), yaml(config('b')))).toEqual([]);
    expect(manifestChanges(undefined, yaml(deployment({})))).toEqual([]);
    const a = deployment({});
    expect(manifestChanges(yaml(a, config('a')), `${JSON.stringify(config('a'))}\n---\n${JSON.stringify(a)}\n`)).toEqual([]);
  });
});
