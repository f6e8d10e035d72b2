import { TeamTenancy } from '../../../constructs';
import { objectOfKind, objectsOfKind, testPlatform } from '../../util';

function tenancy(env: string, props: Partial<ConstructorParameters<typeof TeamTenancy>[2]> = {}) {
  const chart = testPlatform().placement('platform', env).chart;
  const construct = new TeamTenancy(chart, 'Payments', { team: 'payments', ...props });
  return { chart, construct };
}

describe('TeamTenancy', () => {
  const { chart, construct } = tenancy('prod');

  test('a namespace that enforces Pod Security restricted, first in the sync', () => {
    const namespace = objectOfKind(chart, 'Namespace');
    expect(namespace.metadata.name).toBe('payments');
    expect(namespace.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'latest',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
    expect(namespace.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '-1' });
  });

  test('default quota and container limits', () => {
    expect(construct.quota).toEqual({ cpuCores: 8, memoryGiB: 16, memoryLimitGiB: 32, ephemeralStorageGiB: 50, pods: 100 });
    expect(objectOfKind(chart, 'ResourceQuota')).toMatchObject({
      metadata: { name: 'payments-quota', namespace: 'payments' },
      spec: { hard: { 'requests.cpu': '8', 'requests.memory': '16Gi', 'limits.memory': '32Gi', 'requests.ephemeral-storage': '50Gi', 'pods': 100, 'services.loadbalancers': 0, 'services.nodeports': 0 } },
    });
    expect(objectOfKind(chart, 'LimitRange').spec.limits).toEqual([{
      type: 'Container',
      defaultRequest: { 'cpu': '100m', 'memory': '128Mi', 'ephemeral-storage': '256Mi' },
      default: { memory: '256Mi' },
    }]);
  });

  test('the team group views in production and edits in development', () => {
    expect(construct.role).toBe('view');
    expect(objectOfKind(chart, 'RoleBinding')).toMatchObject({
      metadata: { name: 'payments-view', namespace: 'payments' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'acme-payments' }],
    });
    expect(tenancy('dev').construct.role).toBe('edit');
    expect(tenancy('staging').construct.role).toBe('view');
    expect(tenancy('prod', { role: 'edit' }).construct.role).toBe('edit');
  });

  test('default deny in and out, DNS allowed', () => {
    const [allowDns, defaultDeny] = objectsOfKind(chart, 'NetworkPolicy');
    expect(defaultDeny).toMatchObject({ metadata: { name: 'payments-default-deny', namespace: 'payments' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } });
    expect(defaultDeny.spec.ingress).toBeUndefined();
    expect(defaultDeny.spec.egress).toBeUndefined();
    expect(allowDns.metadata.name).toBe('payments-allow-dns');
    expect(allowDns.spec.egress).toEqual([{
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
    }]);
  });

  test('fails when the team is unknown or the quota is not positive', () => {
    expect(() => tenancy('dev', { team: 'nobody' })).toThrow("unknown team 'nobody'");
    expect(() => tenancy('dev', { quota: { pods: 0 } })).toThrow("TeamTenancy 'Payments': 'quota.pods' must be a positive number (got 0).");
  });

  test('fails when declared outside an environment', () => {
    expect(() => new TeamTenancy(testPlatform().catalogChart(), 'T', { team: 'payments' })).toThrow("chart 'catalog' has none");
  });
});
