import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { KUBERNETES_BYPASS_CASES } from './kubernetes-bypass-cases';
import { RuleCase, Setup, at, checkout, complies, violates } from './rule-case';
import { ExternalSecret, GrafanaDashboard, Image, SecureWorkload, TeamTenancy, WorkloadNetworkPolicy } from '../../../constructs';
import { Platform } from '../../../src';

const IMAGE = Image.fromDigest('111111111111.dkr.ecr.eu-west-1.amazonaws.com/checkout', 'a'.repeat(64));
const CONTAINER = '/spec/template/spec/containers/0';
const DEPLOYMENT = 'gitops/dev/apps/checkout/deployment-checkout.yaml';

const tenancy = (platform: Platform, environment = 'dev') => new TeamTenancy(platform.placement('platform', environment).chart, 'Tenancy-payments', { team: 'payments' });

/** The `checkout` workload with an ExternalSecret and a plain variable. */
function workload(platform: Platform, environment = 'dev'): SecureWorkload {
  const chart = checkout(platform, environment).chart;
  const secret = new ExternalSecret(chart, 'Secret', { name: 'checkout-env', remoteSecret: `acme/${environment}/checkout` });
  return new SecureWorkload(chart, 'Workload', { image: IMAGE, envFromSecrets: [secret], env: { LOG_LEVEL: 'info' } });
}

/** The `checkout` workload, with `patches` applied to its Deployment. */
function patchedWorkload(platform: Platform, ...patches: JsonPatch[]): SecureWorkload {
  const secure = workload(platform);
  ApiObject.of(secure.deployment).addJsonPatch(...patches);
  return secure;
}

/** A Secret the cluster fills: the token of the `checkout` service account. Git holds no data. */
const tokenSecret = (platform: Platform) => new kplus.Secret(checkout(platform).chart, 'Token', {
  metadata: { name: 'checkout-token', annotations: { 'kubernetes.io/service-account.name': 'checkout' } },
  type: 'kubernetes.io/service-account-token',
});

const WORKLOADS: Setup = {
  title: "a SecureWorkload with its WorkloadNetworkPolicy and an ExternalSecret, in its team's TeamTenancy, in development and production",
  build: (platform) => {
    for (const environment of ['dev', 'prod']) {
      tenancy(platform, environment);
      new WorkloadNetworkPolicy(checkout(platform, environment).chart, 'NetworkPolicy', { workload: workload(platform, environment) });
    }
  },
};

const SECRETS: Setup = {
  title: 'an ExternalSecret, and a service-account token Secret that the cluster fills',
  build: (platform) => {
    workload(platform);
    tokenSecret(platform);
  },
};

const NO_POD_LEVEL_AUTOMOUNT: Setup = {
  title: 'a SecureWorkload whose Pod leaves the token to its ServiceAccount, which mounts none',
  build: (platform) => patchedWorkload(platform, JsonPatch.remove('/spec/template/spec/automountServiceAccountToken')),
};

// --- PAVED-K8S-SEC-001: a secret-looking value in containers, ConfigMaps and annotations, by its value and its name ---

const FAKE_GITHUB_TOKEN = `ghp_${'Z7qW3rT5yU8iO2pLk4Jh6Gf8Ds0Aa1Ss2Dd3'}`;
const FAKE_ACCESS_KEY = ['AKIA', 'Z7QW3RT5YU8IO2PL'].join('');
const FAKE_PRIVATE_KEY = ['-----BEGIN', 'RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n'].join(' ');

/** A raw ConfigMap of the `checkout` service. */
const configMap = (platform: Platform, data: Record<string, string>, binaryData: Record<string, string> = {}) => new ApiObject(checkout(platform).chart, 'Settings', {
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'checkout-settings' }, data, binaryData,
});
const SETTINGS = 'gitops/dev/apps/checkout/configmap-checkout-settings.yaml';

const CONTAINERS_WITHOUT_SECRETS: Setup = {
  title: "a SecureWorkload with its GrafanaDashboard, whose args name a mounted password file, and a raw ConfigMap of properties, a dashboard's JSON, digests and UUIDs",
  build: (platform) => {
    const secure = patchedWorkload(platform,
      JsonPatch.add(`${CONTAINER}/args`, ['--password-file', '/run/secrets/db/password', '--token-url=https://auth.acme.dev/token']),
      JsonPatch.add('/spec/template/metadata/annotations', { 'checksum/config': 'f'.repeat(64) }));
    new GrafanaDashboard(checkout(platform).chart, 'Dashboard', { workload: secure });
    configMap(platform, {
      'application.properties': 'server.port=8080\nspring.datasource.url=jdbc:postgresql://db:5432/app\nspring.datasource.password=${DB_PASSWORD}\n',
      'dashboard.json': JSON.stringify({ uid: 'checkout-overview', panels: [{ id: 1, datasource: { uid: 'P8E80F9AEF21F6940' }, title: 'Requests' }] }),
      'image': `111111111111.dkr.ecr.eu-west-1.amazonaws.com/checkout@sha256:${'a'.repeat(64)}`,
      'request-id': '123e4567-e89b-12d3-a456-426614174000',
    }, { 'ca.crt': Buffer.from('-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n').toString('base64') });
  },
};

const CONTAINER_SECRET_CASES: readonly RuleCase[] = [
  ...complies(CONTAINERS_WITHOUT_SECRETS, 'PAVED-K8S-SEC-001'),
  violates('PAVED-K8S-SEC-001', 'a password in an environment variable',
    (platform) => patchedWorkload(platform, JsonPatch.add(`${CONTAINER}/env/-`, { name: 'DB_PASSWORD', value: 'hunter2' })),
    ...at(DEPLOYMENT, "container 'checkout' env DB_PASSWORD holds a literal value under a secret-looking name (\"h…\", 7 characters)")),
  violates('PAVED-K8S-SEC-001', 'a token in an arg, a password after its flag, and an access key in the command, by JSON patches',
    (platform) => patchedWorkload(platform,
      JsonPatch.add(`${CONTAINER}/command`, ['sh', '-c', `AWS_ACCESS_KEY_ID=${FAKE_ACCESS_KEY} exec /app`]),
      JsonPatch.add(`${CONTAINER}/args`, [`--github=${FAKE_GITHUB_TOKEN}`, '--password', 'hunter2'])),
    ...at(DEPLOYMENT,
      "container 'checkout' args[0] holds a GitHub token (\"ghp_…\", 40 characters)",
      "container 'checkout' args[2] holds a literal value under a secret-looking name (\"h…\", 7 characters)",
      "container 'checkout' command[2] holds an AWS access key id (\"AKIA…\", 20 characters)")),
  violates('PAVED-K8S-SEC-001', 'an init container whose database URL carries the password, and a pod annotation with a token',
    (platform) => patchedWorkload(platform,
      JsonPatch.add('/spec/template/spec/initContainers', [{ name: 'migrate', image: IMAGE.reference, env: [{ name: 'DATABASE_URL', value: 'postgres://app:s3cr3t-pw@db:5432/app' }] }]),
      JsonPatch.add('/spec/template/metadata/annotations', { 'acme.dev/deploy-token': 'Xq9vB2mK7pL4nR8sT1wY6zA3cD5eF0gH' })),
    ...at(DEPLOYMENT,
      "container 'migrate' env DATABASE_URL holds a URL with a password (\"s3…\", 9 characters)",
      "pod annotation 'acme.dev/deploy-token' holds a high-entropy string (\"Xq9v…\", 32 characters)")),
  violates('PAVED-K8S-SEC-001', 'a raw ConfigMap with a password= line in a file and a private key in binaryData',
    (platform) => configMap(platform,
      { 'application.properties': 'server.port=8080\nspring.datasource.password=hunter22\n' },
      { 'tls.key': Buffer.from(FAKE_PRIVATE_KEY).toString('base64') }),
    ...at(SETTINGS,
      "ConfigMap binaryData key 'tls.key' line 1 holds a PEM private key (\"----…\", 31 characters)",
      "ConfigMap key 'application.properties' line 2 holds an assignment to spring.datasource.password (\"hu…\", 8 characters)")),
];

/** Every Kubernetes rule, compliant on the constructs' defaults and failing once a JSON patch breaks them. */
export const KUBERNETES_CASES: readonly RuleCase[] = [
  ...complies(WORKLOADS, 'PAVED-K8S-POD-001', 'PAVED-K8S-POD-002', 'PAVED-K8S-POD-003', 'PAVED-K8S-POD-004', 'PAVED-K8S-RES-001',
    'PAVED-K8S-PROBE-001', 'PAVED-K8S-PROBE-002', 'PAVED-K8S-IMG-001', 'PAVED-K8S-NET-001', 'PAVED-K8S-NET-002', 'PAVED-K8S-NS-001',
    'PAVED-K8S-PDB-001', 'PAVED-K8S-HPA-001', 'PAVED-K8S-SEC-001', 'PAVED-K8S-RBAC-001', 'PAVED-K8S-SA-001'),
  violates('PAVED-K8S-POD-001', 'the host network and a privileged container',
    (platform) => patchedWorkload(platform, JsonPatch.add('/spec/template/spec/hostNetwork', true), JsonPatch.replace(`${CONTAINER}/securityContext/privileged`, true)),
    ...at(DEPLOYMENT, "container 'checkout' is privileged", 'hostNetwork is true')),
  violates('PAVED-K8S-POD-001', 'a host path, a host port and an added capability',
    (platform) => patchedWorkload(platform,
      JsonPatch.add('/spec/template/spec/volumes/-', { name: 'docker', hostPath: { path: '/var/run/docker.sock' } }),
      JsonPatch.add(`${CONTAINER}/ports/0/hostPort`, 8080),
      JsonPatch.add(`${CONTAINER}/securityContext/capabilities/add`, ['SYS_ADMIN'])),
    ...at(DEPLOYMENT, "container 'checkout' adds capability SYS_ADMIN", "container 'checkout' uses hostPort 8080", "volume 'docker' mounts the host path /var/run/docker.sock")),
  violates('PAVED-K8S-POD-002', 'privilege escalation allowed and no seccomp profile',
    (platform) => patchedWorkload(platform,
      JsonPatch.replace(`${CONTAINER}/securityContext/allowPrivilegeEscalation`, true),
      JsonPatch.remove(`${CONTAINER}/securityContext/seccompProfile`),
      JsonPatch.remove('/spec/template/spec/securityContext/seccompProfile')),
    ...at(DEPLOYMENT, "container 'checkout' does not set allowPrivilegeEscalation: false", "container 'checkout' has seccomp profile \"unset\", not RuntimeDefault")),
  violates('PAVED-K8S-POD-003', 'a writable root filesystem',
    (platform) => patchedWorkload(platform, JsonPatch.replace(`${CONTAINER}/securityContext/readOnlyRootFilesystem`, false)),
    ...at(DEPLOYMENT, "container 'checkout' has a writable root filesystem")),
  violates('PAVED-K8S-POD-004', 'a low user id',
    (platform) => patchedWorkload(platform, JsonPatch.replace(`${CONTAINER}/securityContext/runAsUser`, 1000)),
    ...at(DEPLOYMENT, "container 'checkout' runs as user 1000")),
  violates('PAVED-K8S-RES-001', 'no memory limit',
    (platform) => patchedWorkload(platform, JsonPatch.remove(`${CONTAINER}/resources/limits`)),
    ...at(DEPLOYMENT, "container 'checkout' has no limits.memory")),
  violates('PAVED-K8S-PROBE-001', 'the liveness probe copied over the readiness probe',
    (platform) => patchedWorkload(platform, JsonPatch.copy(`${CONTAINER}/livenessProbe`, `${CONTAINER}/readinessProbe`)),
    ...at(DEPLOYMENT, "container 'checkout' uses the same probe for readiness and liveness")),
  violates('PAVED-K8S-PROBE-001', 'no readiness probe',
    (platform) => patchedWorkload(platform, JsonPatch.remove(`${CONTAINER}/readinessProbe`)),
    ...at(DEPLOYMENT, "container 'checkout' has no readiness probe")),
  violates('PAVED-K8S-PROBE-002', 'no startup probe',
    (platform) => patchedWorkload(platform, JsonPatch.remove(`${CONTAINER}/startupProbe`)),
    ...at(DEPLOYMENT, "container 'checkout' has no startup probe")),
  violates('PAVED-K8S-IMG-001', 'the latest tag',
    (platform) => patchedWorkload(platform, JsonPatch.replace(`${CONTAINER}/image`, '111111111111.dkr.ecr.eu-west-1.amazonaws.com/checkout:latest')),
    ...at(DEPLOYMENT, 'container \'checkout\' uses image "111111111111.dkr.ecr.eu-west-1.amazonaws.com/checkout:latest" without a digest or a version tag')),
  violates('PAVED-K8S-NET-001', 'outside a tenancy, its network policy selecting other pods',
    (platform) => {
      const policy = new WorkloadNetworkPolicy(checkout(platform).chart, 'NetworkPolicy', { workload: workload(platform) });
      ApiObject.of(policy.resource).addJsonPatch(JsonPatch.replace('/spec/podSelector/matchLabels', SecureWorkload.selectorLabels('checkout-old')));
    },
    ...at(DEPLOYMENT, 'no network policy governs egress of its pods', 'no network policy governs ingress of its pods')),
  violates('PAVED-K8S-NET-002', "the tenancy's default deny limited to ingress",
    (platform) => ApiObject.of(tenancy(platform).defaultDeny).addJsonPatch(JsonPatch.replace('/spec/policyTypes', ['Ingress'])),
    ...at('gitops/dev/apps/platform/namespace-payments.yaml', "namespace 'payments' has no default-deny network policy")),
  violates('PAVED-K8S-NS-001', 'Pod Security enforcing only baseline',
    (platform) => ApiObject.of(tenancy(platform).namespace).addJsonPatch(JsonPatch.replace('/metadata/labels/pod-security.kubernetes.io~1enforce', 'baseline')),
    ...at('gitops/dev/apps/platform/namespace-payments.yaml', 'pod-security.kubernetes.io/enforce is "baseline"')),
  violates('PAVED-K8S-PDB-001', 'its disruption budget selecting other pods',
    (platform) => ApiObject.of(workload(platform).disruptionBudget).addJsonPatch(JsonPatch.replace('/spec/selector/matchLabels', SecureWorkload.selectorLabels('checkout-old'))),
    ...at(DEPLOYMENT, 'no PodDisruptionBudget selects its pods')),
  violates('PAVED-K8S-PDB-001', 'a raw Deployment beside it, without a budget',
    (platform) => {
      workload(platform);
      new kplus.k8s.KubeDeployment(checkout(platform).chart, 'Raw', {
        metadata: { name: 'checkout-raw' },
        spec: { selector: { matchLabels: { app: 'raw' } }, template: { metadata: { labels: { app: 'raw' } }, spec: { containers: [{ name: 'raw', image: IMAGE.reference }] } } },
      });
    },
    ...at('gitops/dev/apps/checkout/deployment-checkout-raw.yaml', 'no PodDisruptionBudget selects its pods')),
  violates('PAVED-K8S-HPA-001', 'two replicas at least in production, where three are the minimum',
    (platform) => ApiObject.of(workload(platform, 'prod').autoscaler).addJsonPatch(JsonPatch.replace('/spec/minReplicas', 2)),
    ...at('gitops/prod/apps/checkout/horizontalpodautoscaler-checkout.yaml', 'minReplicas is 2, below 3 for prod')),
  violates('PAVED-K8S-HPA-001', 'at most 100 replicas, and the Deployment setting its own count',
    (platform) => {
      const secure = patchedWorkload(platform, JsonPatch.add('/spec/replicas', 2));
      ApiObject.of(secure.autoscaler).addJsonPatch(JsonPatch.replace('/spec/maxReplicas', 100));
    },
    ...at('gitops/dev/apps/checkout/horizontalpodautoscaler-checkout.yaml',
      'Deployment/checkout sets spec.replicas while the autoscaler owns the count', 'maxReplicas is 100, not between minReplicas (1) and 50')),
  ...CONTAINER_SECRET_CASES,
  ...complies(SECRETS, 'PAVED-K8S-SEC-002'),
  violates('PAVED-K8S-SEC-002', 'a token written into the Secret',
    (platform) => ApiObject.of(tokenSecret(platform)).addJsonPatch(JsonPatch.add('/data', { token: 'ZXlKaGJHY2lPaUpTVXpJMU5pSjk=' })),
    ...at('gitops/dev/apps/checkout/secret-checkout-token.yaml', "Secret 'checkout-token' carries data")),
  violates('PAVED-K8S-RBAC-001', 'the team bound to cluster-admin',
    (platform) => ApiObject.of(tenancy(platform).roleBinding).addJsonPatch(JsonPatch.replace('/roleRef/name', 'cluster-admin')),
    ...at('gitops/dev/apps/platform/rolebinding-payments-edit.yaml', "RoleBinding 'payments-edit' grants cluster-admin to Group acme-payments")),
  ...complies(NO_POD_LEVEL_AUTOMOUNT, 'PAVED-K8S-SA-001'),
  violates('PAVED-K8S-SA-001', 'the Pod mounting a token',
    (platform) => patchedWorkload(platform, JsonPatch.replace('/spec/template/spec/automountServiceAccountToken', true)),
    ...at(DEPLOYMENT, 'the pod mounts a service account token')),
  violates('PAVED-K8S-SA-001', 'the Pod leaving the token to its ServiceAccount, which mounts one',
    (platform) => {
      const secure = patchedWorkload(platform, JsonPatch.remove('/spec/template/spec/automountServiceAccountToken'));
      ApiObject.of(secure.serviceAccount).addJsonPatch(JsonPatch.remove('/automountServiceAccountToken'));
    },
    ...at(DEPLOYMENT, 'the pod mounts a service account token')),
  ...KUBERNETES_BYPASS_CASES,
];
