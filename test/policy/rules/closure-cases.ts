import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { ApiObject, JsonPatch } from 'cdk8s';
import { RuleCase, Setup, at, checkout, complies, violates } from './rule-case';
import { EksCluster } from '../../../constructs/aws/eks-cluster';
import { ExistingRole } from '../../../constructs/aws/existing-role';
import { Secret } from '../../../constructs/aws/secret';
import { WorkloadIdentity } from '../../../constructs/aws/workload-identity';
import { ExternalSecret } from '../../../constructs/kubernetes/external-secret';
import { GrafanaDashboard } from '../../../constructs/kubernetes/grafana-dashboard';
import { Image } from '../../../constructs/kubernetes/image';
import { IngressRouting } from '../../../constructs/kubernetes/ingress-routing';
import { IngressSource } from '../../../constructs/kubernetes/ingress-source';
import { SecretsManagerStore } from '../../../constructs/kubernetes/secrets-manager-store';
import { SecureWorkload, SecureWorkloadProps } from '../../../constructs/kubernetes/secure-workload';
import { ServiceMonitor } from '../../../constructs/kubernetes/service-monitor';
import { PlatformBaseline } from '../../../golden-paths/platform-baseline';
import { Platform } from '../../../src';
import { ADD_ON_LABEL, ClusterCapabilities, PROVIDES_ANNOTATION } from '../../../src/platform/cluster-capabilities';

/** Routing through an ingress-nginx controller, which serves its TLS from secrets. */
function nginx(annotations?: Record<string, string>): IngressRouting {
  return IngressRouting.controller({ className: 'nginx', source: IngressSource.namespace('ingress-nginx'), annotations, tlsSecrets: true });
}

const IMAGE = Image.fromTag('111111111111.dkr.ecr.eu-west-1.amazonaws.com/checkout', '1.4.2');
const APPS = 'gitops/dev/apps/checkout';
const ESO = 'external-secrets.io';
const MONITORING = 'monitoring.coreos.com';

/** The add-ons of the closed cluster, as the add-ons' Applications will declare them. */
function addOns(platform: Platform): Record<string, ClusterCapabilities> {
  const roleName = PlatformBaseline.externalSecretsRoleName(platform, platform.environment('dev'));
  return {
    'argo-cd': { kinds: ['argoproj.io/Application', 'argoproj.io/AppProject'] },
    'external-secrets': {
      kinds: [`${ESO}/ExternalSecret`, `${ESO}/ClusterSecretStore`, `${ESO}/SecretStore`],
      serviceAccounts: [{ namespace: 'external-secrets', name: 'external-secrets', roleArn: `arn:aws:iam::${platform.environment('dev').account}:role/${roleName}` }],
    },
    'kube-prometheus-stack': {
      kinds: [`${MONITORING}/ServiceMonitor`, `${MONITORING}/PodMonitor`, `${MONITORING}/PrometheusRule`],
      monitoring: { serviceMonitorSelector: {}, podMonitorSelector: {}, ruleSelector: {} },
      dashboards: { label: 'grafana_dashboard', labelValue: '1', namespaces: 'ALL' },
    },
    'aws-load-balancer-controller': { ingressClasses: ['alb'], certificates: { acm: true } },
    'metrics-server': { resourceMetrics: true },
  };
}

/** What a closed cluster can differ by in a case. */
interface ClosedOptions {
  /** Add-ons left out, or changed. */
  readonly addOns?: (addOns: Record<string, ClusterCapabilities>) => Record<string, ClusterCapabilities>;
  /** Changes to the workload's props. */
  readonly workload?: Partial<SecureWorkloadProps>;
  /** The secret the ExternalSecret reads, and the store it reads through. */
  readonly remoteSecret?: string;
  readonly storeName?: string;
  /** The ServiceAccount the workload's role trusts. */
  readonly trustedServiceAccount?: string;
}

/**
 * The service `checkout` in development on a cluster with every add-on: its workload (Ingress of
 * class `alb`, CPU autoscaler, IRSA role), a secret granted to the External Secrets role and read
 * through the platform's ClusterSecretStore, a ServiceMonitor and a dashboard; the platform stack
 * has the External Secrets role and a wildcard ACM certificate of the environment's domain.
 */
function closedCluster(options: ClosedOptions = {}): (platform: Platform) => { workload: SecureWorkload; externalSecret: ExternalSecret } {
  return (platform) => {
    const dev = platform.environment('dev');
    for (const [id, provides] of Object.entries((options.addOns ?? ((a) => a))(addOns(platform)))) {
      new ApiObject(platform.argoCdChart('dev'), `AddOn-${id}`, {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: `${id}-dev`, namespace: 'argocd', labels: { [ADD_ON_LABEL]: id }, annotations: { [PROVIDES_ANNOTATION]: JSON.stringify(provides) } },
        spec: {},
      });
    }
    const platformPlacement = platform.placement('platform', 'dev');
    new WorkloadIdentity(platformPlacement.stack, 'ExternalSecrets', {
      namespace: 'external-secrets',
      serviceAccountName: 'external-secrets',
      cluster: EksCluster.fromEnvironment(platformPlacement.stack, 'Cluster'),
    });
    new AcmCertificate(platformPlacement.stack, 'Certificate', { domainName: '*.dev.acme.example', subjectAlternativeNames: ['dev.acme.example'], validationMethod: 'DNS' });
    new SecretsManagerStore(platformPlacement.chart, 'SecretStore', { serviceAccount: { namespace: 'external-secrets', name: 'external-secrets' } });

    const placement = checkout(platform);
    const secret = new Secret(placement.stack, 'Stripe');
    secret.grantRead(new ExistingRole(placement.stack, 'ExternalSecretsAccess', {
      roleName: PlatformBaseline.externalSecretsRoleName(platform, dev),
      policyName: 'checkout-dev-secrets',
    }));
    const identity = new WorkloadIdentity(placement.stack, 'Identity', { namespace: 'payments', serviceAccountName: options.trustedServiceAccount ?? 'checkout' });
    const externalSecret = new ExternalSecret(placement.chart, 'Secret-stripe', {
      name: 'checkout-stripe',
      remoteSecret: options.remoteSecret ?? secret.secretName,
      storeName: options.storeName,
    });
    const workload = new SecureWorkload(placement.chart, 'Workload', {
      image: IMAGE,
      roleArn: identity.roleArn,
      envFromSecrets: [externalSecret],
      autoscaling: { minReplicas: 1, maxReplicas: 3 },
      ingress: { host: 'checkout.dev.acme.example' },
      ...options.workload,
    });
    new ServiceMonitor(placement.chart, 'Monitor', { workload });
    new GrafanaDashboard(placement.chart, 'Dashboard', { workload });
    return { workload, externalSecret };
  };
}

type AddOns = Record<string, ClusterCapabilities>;
const without = (...ids: string[]) => (all: AddOns) => Object.fromEntries(Object.entries(all).filter(([id]) => !ids.includes(id)));
const changed = (id: string, change: Partial<ClusterCapabilities>) => (all: AddOns) => ({ ...all, [id]: { ...all[id], ...change } });

const CLOSED: Setup = {
  title: 'a service on a cluster whose add-ons provide everything it uses',
  build: (platform) => {
    closedCluster()(platform);
  },
};

/** A PersistentVolumeClaim of `storageClassName` in checkout's chart, and the StorageClass `gp3` in the platform's. */
function claim(storageClassName: string) {
  return (platform: Platform) => {
    closedCluster()(platform);
    new ApiObject(platform.placement('platform', 'dev').chart, 'StorageClass', {
      apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'gp3' }, provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3', encrypted: 'true' },
    });
    new ApiObject(checkout(platform).chart, 'Claim', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'checkout-data' },
      spec: { storageClassName, accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
  };
}

const patchDeployment = (...patches: JsonPatch[]) => (platform: Platform) => {
  ApiObject.of(closedCluster()(platform).workload.deployment).addJsonPatch(...patches);
};

/** Every closure rule, compliant on a cluster whose add-ons provide what the service uses, failing once one is missing. */
export const CLOSURE_CASES: readonly RuleCase[] = [
  ...complies(CLOSED, 'PAVED-CLS-CRD-001', 'PAVED-CLS-ING-001', 'PAVED-CLS-PRI-001', 'PAVED-CLS-SA-001', 'PAVED-CLS-ESO-001', 'PAVED-CLS-ESO-002',
    'PAVED-CLS-IAM-001', 'PAVED-CLS-MON-001', 'PAVED-CLS-DASH-001', 'PAVED-CLS-HPA-001', 'PAVED-CLS-CERT-001'),
  complies({ title: 'a PersistentVolumeClaim of the StorageClass the output declares', build: claim('gp3') }, 'PAVED-CLS-STO-001')[0],
  complies({
    title: "a secret granted to the store's role by a literal ARN with Secrets Manager's suffix",
    build: (platform) => {
      closedCluster({ remoteSecret: 'acme-dev-checkout-legacy' })(platform);
      new IamRolePolicy(checkout(platform).stack, 'LegacyGrant', {
        name: 'checkout-dev-legacy',
        role: PlatformBaseline.externalSecretsRoleName(platform, platform.environment('dev')),
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: ['arn:aws:secretsmanager:eu-west-1:111111111111:secret:acme-dev-checkout-legacy-??????'] }],
        }),
      });
    },
  }, 'PAVED-CLS-ESO-002')[0],
  complies({
    title: "an Ingress of a class without ACM whose TLS secret cert-manager's provided ClusterIssuer fills",
    build: closedCluster({
      addOns: (all) => ({ ...all, 'another-controller': { ingressClasses: ['nginx'] }, 'cert-manager': { certificates: { clusterIssuers: ['letsencrypt'] } } }),
      workload: { ingress: { host: 'checkout.dev.acme.example', routing: nginx({ 'cert-manager.io/cluster-issuer': 'letsencrypt' }) } },
    }),
  }, 'PAVED-CLS-CERT-001')[0],
  violates('PAVED-CLS-ESO-002', 'the ExternalSecret finds its secrets by name pattern, which names no key (fails closed)',
    (platform) => {
      ApiObject.of(closedCluster()(platform).externalSecret.resource).addJsonPatch(JsonPatch.replace('/spec/dataFrom/0', { find: { name: { regexp: '^acme-dev-' } } }));
    },
    ...at(`${APPS}/externalsecret-checkout-stripe.yaml`,
      'ExternalSecret \'payments/checkout-stripe\' in environment \'dev\': the rule could not decide and fails closed: it reads ["find"] from its store, which names no key; use data[].remoteRef.key or dataFrom[].extract.key')),
  violates('PAVED-CLS-CRD-001', 'the external-secrets add-on turned off', closedCluster({ addOns: without('external-secrets') }), ...at(`${APPS}/externalsecret-checkout-stripe.yaml`, "ExternalSecret 'payments/checkout-stripe' in environment 'dev' is of kind 'external-secrets.io/ExternalSecret' (external-secrets.io/v1), whose CRD nothing in cluster 'acme-dev' installs (the add-ons installed are 'argo-cd', 'aws-load-balancer-controller', 'kube-prometheus-stack', 'metrics-server'); turn on the add-on that installs it, or declare its CustomResourceDefinition in the platform's chart"), ...at('gitops/dev/apps/platform/clustersecretstore-aws-secrets-manager.yaml', "ClusterSecretStore 'aws-secrets-manager' in environment 'dev' is of kind 'external-secrets.io/ClusterSecretStore' (external-secrets.io/v1), whose CRD nothing in cluster 'acme-dev' installs (the add-ons installed are 'argo-cd', 'aws-load-balancer-controller', 'kube-prometheus-stack', 'metrics-server'); turn on the add-on that installs it, or declare its CustomResourceDefinition in the platform's chart")),
  violates('PAVED-CLS-ING-001', "the Ingress of class 'nginx', which no add-on serves", closedCluster({ workload: { ingress: { host: 'checkout.dev.acme.example', routing: nginx() } } }), ...at(`${APPS}/ingress-checkout.yaml`, "Ingress 'payments/checkout' in environment 'dev' uses IngressClass 'nginx', which nothing in cluster 'acme-dev' creates (IngressClasses there: 'alb'); turn on the add-on that serves it (aws-load-balancer-controller for 'alb'), or use a class the cluster has")),
  violates('PAVED-CLS-STO-001', "a PersistentVolumeClaim of EKS's old 'gp2' class", claim('gp2'), ...at(`${APPS}/persistentvolumeclaim-checkout-data.yaml`, "PersistentVolumeClaim 'payments/checkout-data' in environment 'dev' uses StorageClass 'gp2', which nothing in cluster 'acme-dev' creates (StorageClasses there: 'gp3'); declare it or use one the cluster has")),
  violates('PAVED-CLS-PRI-001', 'the pods given a PriorityClass nothing creates', patchDeployment(JsonPatch.add('/spec/template/spec/priorityClassName', 'business-critical')), ...at(`${APPS}/deployment-checkout.yaml`, "Deployment 'payments/checkout' in environment 'dev' uses PriorityClass 'business-critical', which nothing in cluster 'acme-dev' creates (PriorityClasses there: 'system-cluster-critical', 'system-node-critical'); declare it or remove priorityClassName")),
  violates('PAVED-CLS-SA-001', 'the pods run as a ServiceAccount nothing creates', patchDeployment(JsonPatch.replace('/spec/template/spec/serviceAccountName', 'checkout-old')), ...at(`${APPS}/deployment-checkout.yaml`, "Deployment 'payments/checkout' in environment 'dev' runs as ServiceAccount 'checkout-old', which nothing creates in namespace 'payments' of cluster 'acme-dev'; declare it beside the workload or name one that exists")),
  violates('PAVED-CLS-ESO-001', 'the ExternalSecret reads through a store nothing declares', closedCluster({ storeName: 'vault' }), ...at(`${APPS}/externalsecret-checkout-stripe.yaml`, "ExternalSecret 'payments/checkout-stripe' in environment 'dev' reads through ClusterSecretStore 'vault', which nothing declares in cluster 'acme-dev'; use the platform's ClusterSecretStore 'aws-secrets-manager' or declare the store")),
  violates('PAVED-CLS-ESO-002', "the ExternalSecret reads a secret not granted to the store's role", closedCluster({ remoteSecret: 'acme-dev-checkout-other' }), ...at(`${APPS}/externalsecret-checkout-stripe.yaml`, "ExternalSecret 'payments/checkout-stripe' in environment 'dev' reads secret 'acme-dev-checkout-other' through ClusterSecretStore 'aws-secrets-manager', but no policy of the stacks of cluster 'acme-dev' lets its role 'acme-dev-platform-external-secrets' call secretsmanager:GetSecretValue on it; grant the secret to that role (Secret.grantRead on an ExistingRole 'acme-dev-platform-external-secrets')")),
  violates('PAVED-CLS-ESO-002', "the store's ServiceAccount has no role: the external-secrets add-on declares it without one",
    closedCluster({ addOns: changed('external-secrets', { serviceAccounts: [{ namespace: 'external-secrets', name: 'external-secrets' }] }) }), ...at(`${APPS}/externalsecret-checkout-stripe.yaml`, "ExternalSecret 'payments/checkout-stripe' in environment 'dev' reads through ClusterSecretStore 'aws-secrets-manager', whose ServiceAccount 'external-secrets/external-secrets' has no IAM role (eks.amazonaws.com/role-arn) in cluster 'acme-dev'; turn on the external-secrets add-on, which creates it with its role")),
  violates('PAVED-CLS-IAM-001', "the workload's role trusts another ServiceAccount", closedCluster({ trustedServiceAccount: 'checkout-old' }), ...at(`${APPS}/serviceaccount-checkout.yaml`, "ServiceAccount 'payments/checkout' in environment 'dev' has the role 'acme-dev-checkout-identity' (in terraform/dev/checkout-dev/cdk.tf.json), whose trust does not let 'system:serviceaccount:payments:checkout' assume it through the cluster's OIDC provider; create the role with WorkloadIdentity for this namespace and name")),
  violates('PAVED-CLS-MON-001', 'Prometheus selects only ServiceMonitors labelled release=kube-prometheus-stack',
    closedCluster({ addOns: changed('kube-prometheus-stack', { monitoring: { serviceMonitorSelector: { matchLabels: { release: 'kube-prometheus-stack' } }, podMonitorSelector: {}, ruleSelector: {} } }) }), ...at(`${APPS}/servicemonitor-checkout.yaml`, "ServiceMonitor 'payments/checkout' in environment 'dev' (labels {\"app.kubernetes.io/managed-by\":\"paved\",\"app.kubernetes.io/name\":\"checkout\",\"app.kubernetes.io/part-of\":\"acme\",\"paved.dev/environment\":\"dev\",\"paved.dev/golden-path\":\"test\",\"paved.dev/team\":\"payments\"}) is not picked up by the Prometheus of cluster 'acme-dev', whose serviceMonitorSelector and namespaceSelector are {\"matchLabels\":{\"release\":\"kube-prometheus-stack\"}} and {}; give it the labels the selector asks for, or widen the selector in the add-on's values")),
  violates('PAVED-CLS-MON-001', 'no Prometheus', closedCluster({ addOns: without('kube-prometheus-stack') }), ...at(`${APPS}/servicemonitor-checkout.yaml`, "ServiceMonitor 'payments/checkout' in environment 'dev' is not picked up: no Prometheus runs in cluster 'acme-dev' (the add-ons installed are 'argo-cd', 'aws-load-balancer-controller', 'external-secrets', 'metrics-server'); turn on the kube-prometheus-stack add-on")),
  violates('PAVED-CLS-DASH-001', "the Grafana sidecar searches only the namespace 'monitoring'",
    closedCluster({ addOns: changed('kube-prometheus-stack', { dashboards: { label: 'grafana_dashboard', labelValue: '1', namespaces: ['monitoring'] } }) }), ...at(`${APPS}/configmap-checkout-dashboard.yaml`, "ConfigMap 'payments/checkout-dashboard' in environment 'dev' is a dashboard the Grafana sidecar of cluster 'acme-dev' does not find: it looks for label grafana_dashboard=\"1\" in namespaces [\"monitoring\"], and the ConfigMap has grafana_dashboard=\"1\" in namespace 'payments'; label it as the sidecar expects")),
  violates('PAVED-CLS-HPA-001', 'the metrics-server add-on turned off', closedCluster({ addOns: without('metrics-server') }), ...at(`${APPS}/horizontalpodautoscaler-checkout.yaml`, "HorizontalPodAutoscaler 'payments/checkout' in environment 'dev' scales on cpu, but nothing serves the resource metrics API (metrics.k8s.io) in cluster 'acme-dev' (the add-ons installed are 'argo-cd', 'aws-load-balancer-controller', 'external-secrets', 'kube-prometheus-stack'); turn on the metrics-server add-on")),
  violates('PAVED-CLS-CERT-001', 'a host outside the ACM certificate of the environment', closedCluster({ workload: { ingress: { host: 'checkout.acme.example' } } }), ...at(`${APPS}/ingress-checkout.yaml`, "Ingress 'payments/checkout' in environment 'dev' serves host 'checkout.acme.example' through class 'alb', which finds ACM certificates, but no aws_acm_certificate of the stacks of cluster 'acme-dev' covers it (their domains: *.dev.acme.example, dev.acme.example); declare one for the host, or a wildcard of its parent domain")),
  violates('PAVED-CLS-CERT-001', 'an Ingress of a class without ACM whose TLS secret nothing fills',
    closedCluster({ addOns: (all) => ({ ...all, 'another-controller': { ingressClasses: ['nginx'] } }), workload: { ingress: { host: 'checkout.dev.acme.example', routing: nginx() } } }), ...at(`${APPS}/ingress-checkout.yaml`, "Ingress 'payments/checkout' in environment 'dev' serves host 'checkout.dev.acme.example' from a TLS secret that nothing fills: the Ingress has no cert-manager.io/cluster-issuer annotation and its class finds no ACM certificate; turn on cert-manager and annotate it with a ClusterIssuer, or use a class whose controller finds ACM certificates ('alb')")),
  violates('PAVED-CLS-CERT-001', 'an Ingress whose TLS secret a ClusterIssuer fills that cert-manager does not provide',
    closedCluster({
      addOns: (all) => ({ ...all, 'another-controller': { ingressClasses: ['nginx'] }, 'cert-manager': { certificates: { clusterIssuers: ['letsencrypt'] } } }),
      workload: { ingress: { host: 'checkout.dev.acme.example', routing: nginx({ 'cert-manager.io/cluster-issuer': 'letsencrypt-staging' }) } },
    }), ...at(`${APPS}/ingress-checkout.yaml`, "Ingress 'payments/checkout' in environment 'dev' serves host 'checkout.dev.acme.example' from a TLS secret that the ClusterIssuer 'letsencrypt-staging' fills, which nothing in cluster 'acme-dev' provides (the add-ons installed are 'another-controller', 'argo-cd', 'aws-load-balancer-controller', 'cert-manager', 'external-secrets', 'kube-prometheus-stack', 'metrics-server'); turn on the cert-manager add-on with that issuer")),
];
