/**
 * Kubernetes cases of the rules that close bypasses: open network policies, Ingresses without
 * TLS, bound wildcard roles, and objects changed or added outside the constructs (files added
 * with `addFile`, kustomize components, late mutation).
 */
import { ApiObject, JsonPatch } from 'cdk8s';
import { RuleCase, Setup, addYamlFile, at, checkout, complies, violates } from './rule-case';
import { AwsEndpoint, Image, SecureWorkload, TeamTenancy, WorkloadNetworkPolicy } from '../../../constructs';
import { Platform } from '../../../src';

const IMAGE = Image.fromDigest('111111111111.dkr.ecr.eu-west-1.amazonaws.com/checkout', 'a'.repeat(64));
const DEPLOYMENT = 'gitops/dev/apps/checkout/deployment-checkout.yaml';
const INGRESS = 'gitops/dev/apps/checkout/ingress-checkout.yaml';
const HOST = 'checkout.dev.acme.example';
const SELECTOR = { matchLabels: SecureWorkload.selectorLabels('checkout') };

const tenancy = (platform: Platform) => new TeamTenancy(platform.placement('platform', 'dev').chart, 'Tenancy-payments', { team: 'payments' });
const web = (platform: Platform) => new SecureWorkload(checkout(platform).chart, 'Workload', { image: IMAGE, ingress: { host: HOST } });

/** `checkout` with an Ingress, its tenancy and a WorkloadNetworkPolicy with every kind of allow paved writes. */
function connected(platform: Platform): WorkloadNetworkPolicy {
  tenancy(platform);
  return new WorkloadNetworkPolicy(checkout(platform).chart, 'NetworkPolicy', {
    workload: web(platform),
    callers: [{ workload: 'shop', namespace: 'web', ports: [8080] }],
    dependencies: [{ workload: 'ledger', namespace: 'payments', ports: [8080] }],
    awsEndpoints: [AwsEndpoint.database('10.0.0.0/16'), AwsEndpoint.publicHttps('aws-apis')],
  });
}

const CONNECTED: Setup = {
  title: 'a SecureWorkload with an Ingress, its TeamTenancy (default deny, DNS) and a WorkloadNetworkPolicy allowing the ingress controller, Prometheus, a caller, a dependency, a database and AWS APIs over 443',
  build: connected,
};

/** A privileged container, as a strategic-merge patch of the `checkout` Deployment. */
const PRIVILEGED_PATCH = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'checkout' },
  spec: { template: { spec: { containers: [{ name: 'checkout', securityContext: { privileged: true } }] } } },
};

/** `checkout` with the release component a golden path writes, holding `component`. */
function released(platform: Platform, component: Record<string, unknown>): void {
  const chart = checkout(platform).chart;
  new SecureWorkload(chart, 'Workload', { image: IMAGE });
  chart.addKustomizeComponent('../../releases/checkout');
  addYamlFile(platform, 'gitops/dev/releases/checkout/kustomization.yaml', { apiVersion: 'kustomize.config.k8s.io/v1alpha1', kind: 'Component', ...component });
}

/** A Deployment as someone would paste it into an added file. */
const RAW_DEPLOYMENT = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'debug' },
  spec: {
    selector: { matchLabels: { app: 'debug' } },
    template: {
      metadata: { labels: { app: 'debug' } },
      spec: { containers: [{ name: 'shell', image: 'busybox@sha256:' + 'b'.repeat(64), securityContext: { privileged: true } }] },
    },
  },
};

const wildcardRole = (kind: 'Role' | 'ClusterRole', name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name, ...extra }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }],
});
const bindingTo = (kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, roleKind: 'Role' | 'ClusterRole', role: string) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: { name },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: role },
  subjects: [{ kind: 'Group', name: 'acme-payments', apiGroup: 'rbac.authorization.k8s.io' }],
});

export const KUBERNETES_BYPASS_CASES: readonly RuleCase[] = [
  ...complies(CONNECTED, 'PAVED-K8S-NET-003', 'PAVED-K8S-ING-001', 'PAVED-K8S-RBAC-002', 'PAVED-K8S-POD-001', 'PAVED-K8S-IMG-001'),
  violates('PAVED-K8S-NET-003', 'an ingress rule without peers patched into the WorkloadNetworkPolicy',
    (platform) => ApiObject.of(connected(platform).resource).addJsonPatch(JsonPatch.add('/spec/ingress/-', { ports: [{ protocol: 'TCP', port: 8080 }] })),
    ...at('gitops/dev/apps/checkout/networkpolicy-checkout.yaml', "ingress rule 4 allows every source (the rule lists no peers) into Deployment 'checkout'")),
  violates('PAVED-K8S-NET-003', 'a raw NetworkPolicy letting the workload out to every namespace, and to the internet on every port',
    (platform) => {
      connected(platform);
      new ApiObject(checkout(platform).chart, 'Open', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'open' },
        spec: { podSelector: SELECTOR, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: {} }] }, { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] },
      } as any);
    },
    ...at('gitops/dev/apps/checkout/networkpolicy-open.yaml',
      "egress rule 1 allows Deployment 'checkout' out to every pod of every namespace (namespaceSelector: {}) on every port",
      "egress rule 2 allows Deployment 'checkout' out to every address (ipBlock 0.0.0.0/0) on every port")),
  violates('PAVED-K8S-NET-003', 'an added file with a NetworkPolicy open to the internet and to every pod',
    (platform) => {
      connected(platform);
      addYamlFile(platform, 'gitops/dev/apps/checkout/extra/policy.yaml', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'allow-all' },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }], egress: [{}] },
      });
    },
    ...at('gitops/dev/apps/checkout/extra/policy.yaml',
      "egress rule 1 allows Deployment 'checkout' out to every destination (the rule lists no peers) on every port",
      "ingress rule 1 allows every address (ipBlock 0.0.0.0/0) into Deployment 'checkout'")),
  violates('PAVED-K8S-NET-003', "the load balancer's VPC block admitted on every port, patched into the WorkloadNetworkPolicy",
    (platform) => ApiObject.of(connected(platform).resource).addJsonPatch(JsonPatch.remove('/spec/ingress/0/ports')),
    ...at('gitops/dev/apps/checkout/networkpolicy-checkout.yaml', "ingress rule 1 allows the IP block 10.0.0.0/16 into Deployment 'checkout' on every port")),
  violates('PAVED-K8S-ING-001', 'the tls section removed from the Ingress',
    (platform) => ApiObject.of(web(platform).ingress!).addJsonPatch(JsonPatch.remove('/spec/tls')),
    ...at(INGRESS, `host "${HOST}" is not covered by tls (covered: none)`)),
  violates('PAVED-K8S-ING-001', 'a second rule without a host, and one for a host the certificate does not name',
    (platform) => {
      const backend = { service: { name: 'checkout', port: { number: 8080 } } };
      ApiObject.of(web(platform).ingress!).addJsonPatch(
        JsonPatch.add('/spec/rules/-', { http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }),
        JsonPatch.add('/spec/rules/-', { host: 'admin.acme.example', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }));
    },
    ...at(INGRESS, 'host "admin.acme.example" is not covered by tls (covered: "checkout.dev.acme.example")', 'rule 2 has no host, so it serves every host and tls cannot cover it')),
  violates('PAVED-K8S-ING-001', "the ALB's listeners removed from the Ingress, so it listens on plain HTTP",
    (platform) => ApiObject.of(web(platform).ingress!).addJsonPatch(JsonPatch.remove('/metadata/annotations/alb.ingress.kubernetes.io~1listen-ports')),
    ...at(INGRESS, 'alb.ingress.kubernetes.io/listen-ports is not set, so the ALB listens on plain HTTP port 80 only')),
  violates('PAVED-K8S-ING-001', 'an ALB listening on HTTP only, without the redirect',
    (platform) => ApiObject.of(web(platform).ingress!).addJsonPatch(
      JsonPatch.replace('/metadata/annotations/alb.ingress.kubernetes.io~1listen-ports', '[{"HTTP":80}]'),
      JsonPatch.remove('/metadata/annotations/alb.ingress.kubernetes.io~1ssl-redirect')),
    ...at(INGRESS,
      'alb.ingress.kubernetes.io/listen-ports "[{\\"HTTP\\":80}]" has an HTTP listener, and alb.ingress.kubernetes.io/ssl-redirect does not redirect it to HTTPS',
      'alb.ingress.kubernetes.io/listen-ports "[{\\"HTTP\\":80}]" has no HTTPS listener')),
  violates('PAVED-K8S-ING-001', 'an added file with an Ingress without tls',
    (platform) => {
      web(platform);
      addYamlFile(platform, 'gitops/dev/apps/checkout/extra/ingress.yaml', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'plain' },
        spec: { rules: [{ host: 'plain.acme.example', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'checkout', port: { number: 8080 } } } }] } }] },
      });
    },
    ...at('gitops/dev/apps/checkout/extra/ingress.yaml', 'host "plain.acme.example" is not covered by tls (covered: none)')),
  violates('PAVED-K8S-RBAC-002', 'a raw ClusterRole with wildcards, bound cluster-wide',
    (platform) => {
      tenancy(platform);
      const chart = platform.placement('platform', 'dev').chart;
      new ApiObject(chart, 'Ops', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'ops' }, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list'] }] } as any);
      new ApiObject(chart, 'OpsBinding', bindingTo('ClusterRoleBinding', 'ops', 'ClusterRole', 'ops') as any);
    },
    ...at('gitops/dev/apps/platform/clusterrole-ops.yaml',
      "ClusterRole 'ops' rule 1 has '*' in apiGroups and is granted through ClusterRoleBinding 'ops'",
      "ClusterRole 'ops' rule 1 has '*' in resources and is granted through ClusterRoleBinding 'ops'")),
  violates('PAVED-K8S-RBAC-002', 'the team bound to the built-in admin role',
    (platform) => ApiObject.of(tenancy(platform).roleBinding).addJsonPatch(JsonPatch.replace('/roleRef/name', 'admin')),
    ...at('gitops/dev/apps/platform/rolebinding-payments-edit.yaml', "RoleBinding 'payments-edit' grants the built-in admin role to Group acme-payments")),
  violates('PAVED-K8S-RBAC-002', 'an added file with a Role of every verb on secrets and its RoleBinding, and an unbound ClusterRole aggregated into edit',
    (platform) => {
      tenancy(platform);
      addYamlFile(platform, 'gitops/dev/apps/checkout/extra/rbac.yaml', wildcardRole('Role', 'secrets-all'), bindingTo('RoleBinding', 'secrets-all', 'Role', 'secrets-all'));
      addYamlFile(platform, 'gitops/dev/apps/platform/extra/aggregated.yaml', wildcardRole('ClusterRole', 'more-edit', { labels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } }));
    },
    ...at('gitops/dev/apps/checkout/extra/rbac.yaml', "Role 'secrets-all' rule 1 has '*' in verbs and is granted through RoleBinding 'secrets-all'"),
    ...at('gitops/dev/apps/platform/extra/aggregated.yaml', "ClusterRole 'more-edit' rule 1 has '*' in verbs and is granted through the built-in role 'edit' (label rbac.authorization.k8s.io/aggregate-to-edit)")),

  // Escape hatches that replace or change a checked object: the rules see the final object.
  violates('PAVED-K8S-POD-001', 'an added file with a privileged Deployment',
    (platform) => {
      web(platform);
      addYamlFile(platform, 'gitops/dev/apps/checkout/extra/debug.yaml', RAW_DEPLOYMENT);
    },
    ...at('gitops/dev/apps/checkout/extra/debug.yaml', "container 'shell' is privileged")),
  ...complies({ title: 'the release component pinning the image by tag, as golden paths write it', build: (platform) => released(platform, { images: [{ name: IMAGE.repository, newTag: '1.4.2' }] }) },
    'PAVED-K8S-POD-001', 'PAVED-K8S-IMG-001'),
  violates('PAVED-K8S-POD-001', 'the release component with a strategic-merge patch file making the container privileged',
    (platform) => {
      released(platform, { patches: [{ path: 'privileged.yaml' }] });
      addYamlFile(platform, 'gitops/dev/releases/checkout/privileged.yaml', PRIVILEGED_PATCH);
    },
    ...at(DEPLOYMENT, "container 'checkout' is privileged")),
  violates('PAVED-K8S-POD-001', 'the release component with inline RFC 6902 operations on the host network and the container',
    (platform) => released(platform, {
      patchesJson6902: [{
        target: { group: 'apps', version: 'v1', kind: 'Deployment', name: 'checkout' },
        patch: JSON.stringify([{ op: 'add', path: '/spec/template/spec/hostNetwork', value: true }, { op: 'add', path: '/spec/template/spec/containers/0/securityContext/privileged', value: true }]),
      }],
    }),
    ...at(DEPLOYMENT, "container 'checkout' is privileged", 'hostNetwork is true')),
  violates('PAVED-K8S-IMG-001', 'the release component moving the image to a mutable tag of another registry',
    (platform) => released(platform, { images: [{ name: IMAGE.repository, newName: 'docker.io/library/nginx', newTag: 'latest' }] }),
    ...at(DEPLOYMENT, 'container \'checkout\' uses image "docker.io/library/nginx:latest" without a digest or a version tag')),
  violates('PAVED-K8S-POD-001', 'the container made privileged by a JSON patch in a callback that runs just before rendering',
    (platform) => {
      const secure = web(platform);
      platform.onPrepare(() => ApiObject.of(secure.deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/securityContext/privileged', true)));
    },
    ...at(DEPLOYMENT, "container 'checkout' is privileged")),
];
