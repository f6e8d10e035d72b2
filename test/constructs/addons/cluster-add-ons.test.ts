import {
  ArgoCd, AwsLoadBalancerController, CertManager, ClusterAddOnsOptions, ExternalDns, ExternalSecrets, KubePrometheusStack, MetricsServer,
  APPLICATION_HEALTH_KEY, ARGO_CD_RELEASE_NAME,
} from '../../../constructs';
import { ARGO_CD_CHART } from '../../../constructs/imports/charts/argo-cd';
import { validate as validateCertManager } from '../../../constructs/imports/charts/cert-manager-validator';
import { validate as validateExternalDns } from '../../../constructs/imports/charts/external-dns-validator';
import { validate as validateExternalSecrets } from '../../../constructs/imports/charts/external-secrets-validator';
import { PlatformBaseline } from '../../../golden-paths';
import { Platform } from '../../../src';
import { PROVIDES_ANNOTATION } from '../../../src/platform/cluster-capabilities';
import { ACCOUNTS, recordedFacts, testPlatformProps } from '../../fixtures';
import { errorOf, objectsOfKind, renderStack, resourcesOf } from '../../util';
import { validateManifests } from '../../validate';

function platformWith(addOns?: ClusterAddOnsOptions): { platform: Platform; baseline: PlatformBaseline } {
  const platform = new Platform({
    ...testPlatformProps(),
    environments: testPlatformProps().environments!.map((e) => ({ ...e, existing: recordedFacts(e.name) })),
  });
  const baseline = new PlatformBaseline(platform, { platformTeam: 'payments', domain: 'acme.example', addOns });
  return { platform, baseline };
}

function applications(platform: Platform, environment = 'dev'): Record<string, any> {
  return Object.fromEntries(objectsOfKind(platform.argoCdChart(environment), 'Application')
    .filter((a) => a.metadata.labels['paved.dev/add-on'] !== undefined)
    .map((a) => [a.metadata.name, a]));
}

const provides = (app: any) => JSON.parse(app.metadata.annotations[PROVIDES_ANNOTATION]);
const choice = (app: any) => JSON.parse(app.metadata.annotations['paved.dev/add-on-choice']);

describe('cluster add-ons with their defaults', () => {
  const { platform, baseline } = platformWith();
  const apps = applications(platform);
  const stack = renderStack(platform.placement('platform', 'dev').stack);
  const roles = Object.values<any>(resourcesOf(stack, 'aws_iam_role'));
  const policyOf = (roleName: string) => {
    const role = Object.entries<any>(resourcesOf(stack, 'aws_iam_role')).find(([, r]) => r.name === roleName)![0];
    const policy = Object.values<any>(resourcesOf(stack, 'aws_iam_role_policy')).find((p) => p.role === `\${aws_iam_role.${role}.id}`);
    return Object.fromEntries(JSON.parse(policy.policy).Statement.map((s: any) => [s.Sid, s]));
  };

  test('installs six add-ons; cert-manager is opt-in', () => {
    expect(Object.keys(apps).sort()).toEqual([
      'argo-cd', 'aws-load-balancer-controller', 'external-dns', 'external-secrets', 'kube-prometheus-stack', 'metrics-server',
    ]);
    expect(baseline.addOns.get('dev')!.off).toEqual({ 'cert-manager': 'opt-in' });
  });

  test('each is an Application of a pinned Helm chart in the platform project, synced automatically into a restricted namespace', () => {
    expect(apps['external-secrets']).toMatchObject({
      apiVersion: 'argoproj.io/v1alpha1',
      metadata: {
        name: 'external-secrets',
        namespace: 'argocd',
        labels: { 'paved.dev/add-on': 'external-secrets' },
        annotations: { 'argocd.argoproj.io/sync-wave': '-4' },
        finalizers: ['resources-finalizer.argocd.argoproj.io'],
      },
      spec: {
        project: 'platform',
        source: { repoURL: 'https://charts.external-secrets.io', chart: 'external-secrets', targetRevision: '2.9.0', helm: { releaseName: 'external-secrets' } },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'external-secrets' },
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          syncOptions: ['ServerSideApply=true', 'PruneLast=true', 'CreateNamespace=true'],
          managedNamespaceMetadata: { labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' } },
        },
      },
    });
    expect(choice(apps['external-secrets'])).toEqual({ choice: 'default' });
    for (const app of Object.values(apps)) {
      expect(app.spec.syncPolicy.managedNamespaceMetadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
      expect(app.spec.source.targetRevision).toMatch(/^v?\d+\.\d+\.\d+$/);
    }
  });

  test('the add-ons come before the projects of teams and the platform Application', () => {
    const all = objectsOfKind(platform.argoCdChart('dev'), 'Application');
    const wave = (name: string) => Number(all.find((a) => a.metadata.name === name).metadata.annotations['argocd.argoproj.io/sync-wave']);
    const project = objectsOfKind(platform.argoCdChart('dev'), 'AppProject').find((p) => p.metadata.name === 'platform');
    expect(Number(project.metadata.annotations['argocd.argoproj.io/sync-wave'])).toBeLessThan(wave('external-secrets'));
    expect(wave('external-secrets')).toBeLessThan(wave('platform-dev'));
  });

  test("the platform's AppProject allows the add-ons' chart repositories, namespaces and cluster-scoped kinds, and lists what is off", () => {
    const project = objectsOfKind(platform.argoCdChart('dev'), 'AppProject').find((p) => p.metadata.name === 'platform');
    expect(project.spec.sourceRepos).toEqual(expect.arrayContaining([
      'https://argoproj.github.io/argo-helm', 'https://charts.external-secrets.io', 'https://prometheus-community.github.io/helm-charts',
      'https://aws.github.io/eks-charts', 'https://kubernetes-sigs.github.io/external-dns/', 'https://kubernetes-sigs.github.io/metrics-server/',
    ]));
    expect(project.spec.destinations.map((d: any) => d.namespace)).toEqual([
      'argocd', 'aws-load-balancer-controller', 'external-dns', 'external-secrets', 'kube-system', 'metrics-server', 'monitoring',
    ]);
    expect(project.spec.clusterResourceWhitelist).toEqual(expect.arrayContaining([
      { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' }, { group: 'networking.k8s.io', kind: 'IngressClass' },
      { group: 'apiregistration.k8s.io', kind: 'APIService' },
    ]));
    expect(project.metadata.annotations['paved.dev/add-ons-off']).toBe('{"cert-manager":"opt-in"}');
  });

  test('Argo CD manages itself with the Application health check, and exports the release the bootstrap installs', () => {
    const argo = baseline.addOns.get('dev')!.argoCd!;
    expect(apps['argo-cd'].spec.source).toMatchObject({ chart: 'argo-cd', targetRevision: ARGO_CD_CHART.version, helm: { releaseName: 'argocd' } });
    expect(apps['argo-cd'].spec.destination.namespace).toBe('argocd');
    expect(apps['argo-cd'].metadata.finalizers).toBeUndefined();
    expect(apps['argo-cd'].spec.source.helm.valuesObject.configs.cm[APPLICATION_HEALTH_KEY]).toContain('obj.status.health.status');
    expect(argo.release).toEqual({ chart: { ...ArgoCd.DEFAULT_RELEASE.chart }, releaseName: ARGO_CD_RELEASE_NAME, namespace: 'argocd', values: apps['argo-cd'].spec.source.helm.valuesObject });
    expect(ArgoCd.DEFAULT_RELEASE.values).toEqual(ArgoCd.PAVED_VALUES);
  });

  test('External Secrets reuses the baseline role for external-secrets/external-secrets', () => {
    const values = apps['external-secrets'].spec.source.helm.valuesObject;
    const roleArn = `arn:aws:iam::${ACCOUNTS.dev}:role/acme-dev-platform-external-secrets`;
    expect(values.serviceAccount).toEqual({ create: true, name: 'external-secrets', annotations: { 'eks.amazonaws.com/role-arn': roleArn } });
    expect(provides(apps['external-secrets']).serviceAccounts).toEqual([{ namespace: 'external-secrets', name: 'external-secrets', roleArn }]);
    expect(provides(apps['external-secrets']).kinds).toContain('external-secrets.io/ClusterSecretStore');
    expect(roles.filter((r) => r.name === 'acme-dev-platform-external-secrets')).toHaveLength(1);
  });

  test('kube-prometheus-stack selects every monitor and rule, and its sidecar loads paved dashboards from every namespace', () => {
    const values = apps['kube-prometheus-stack'].spec.source.helm.valuesObject;
    expect(values.prometheus.prometheusSpec).toMatchObject({
      serviceMonitorSelectorNilUsesHelmValues: false, podMonitorSelectorNilUsesHelmValues: false, ruleSelectorNilUsesHelmValues: false,
    });
    expect(values.nodeExporter).toEqual({ enabled: false });
    expect(provides(apps['kube-prometheus-stack'])).toMatchObject({
      monitoring: { serviceMonitorSelector: {}, podMonitorSelector: {}, ruleSelector: {}, namespaceSelector: {} },
      dashboards: { label: 'grafana_dashboard', labelValue: '1', namespaces: 'ALL' },
    });
  });

  test('the load balancer controller knows its cluster and VPC, creates IngressClass alb, and has a tag-scoped role', () => {
    const values = apps['aws-load-balancer-controller'].spec.source.helm.valuesObject;
    const roleArn = `arn:aws:iam::${ACCOUNTS.dev}:role/acme-dev-platform-aws-load-balancer-controller`;
    expect(values).toMatchObject({
      clusterName: 'acme-dev',
      region: platform.environment('dev').region,
      vpcTags: { 'paved:platform': 'acme', 'paved:environment': 'dev', 'paved:service': 'platform' },
      defaultTags: { 'paved:platform': 'acme', 'paved:environment': 'dev' },
      serviceAccount: { name: 'aws-load-balancer-controller', annotations: { 'eks.amazonaws.com/role-arn': roleArn } },
      securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
    });
    expect(provides(apps['aws-load-balancer-controller'])).toMatchObject({ ingressClasses: ['alb'], certificates: { acm: true } });
    const statements = policyOf('acme-dev-platform-aws-load-balancer-controller');
    expect(statements.CreateLoadBalancers.Condition).toEqual({
      StringEquals: { 'aws:RequestTag/paved:platform': 'acme' }, Null: { 'aws:RequestTag/elbv2.k8s.aws/cluster': 'false' },
    });
    expect(statements.ManageLoadBalancers.Condition).toEqual({
      StringEquals: { 'aws:ResourceTag/paved:platform': 'acme' }, Null: { 'aws:ResourceTag/elbv2.k8s.aws/cluster': 'false' },
    });
    for (const statement of Object.values<any>(statements)) {
      expect([statement.Sid, statement.Action.some((a: string) => a.includes('*'))]).toEqual([statement.Sid, false]);
      if (statement.Sid !== 'Describe') {
        expect(Object.keys(statement.Condition ?? {})).toContain('StringEquals');
      }
    }
  });

  test("external-dns manages only the environment's zone, owned by the cluster, with a role scoped to the zone's names", () => {
    expect(apps['external-dns'].spec.source.helm.valuesObject).toMatchObject({
      provider: { name: 'aws' },
      domainFilters: ['dev.acme.example'],
      txtOwnerId: 'acme-dev',
      policy: 'upsert-only',
      serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': `arn:aws:iam::${ACCOUNTS.dev}:role/acme-dev-platform-external-dns` } },
    });
    expect(applications(platform, 'prod')['external-dns'].spec.source.helm.valuesObject.domainFilters).toEqual(['acme.example']);
    expect(policyOf('acme-dev-platform-external-dns').ChangeZoneRecords).toEqual({
      Sid: 'ChangeZoneRecords',
      Effect: 'Allow',
      Action: ['route53:ChangeResourceRecordSets'],
      Resource: ['arn:aws:route53:::hostedzone/*'],
      Condition: { 'ForAllValues:StringLike': { 'route53:ChangeResourceRecordSetsNormalizedRecordNames': ['*.dev.acme.example', 'dev.acme.example'] } },
    });
  });

  test('metrics-server provides the resource metrics API', () => {
    expect(provides(apps['metrics-server'])).toEqual({ resourceMetrics: true });
  });

  test("paved's values of the charts with a schema pass the chart's generated validator", () => {
    expect(validateExternalSecrets(apps['external-secrets'].spec.source.helm.valuesObject)).toBe(true);
    expect(validateExternalDns(apps['external-dns'].spec.source.helm.valuesObject)).toBe(true);
    expect(validateCertManager(CertManager.PAVED_VALUES)).toBe(true);
  });

  test('every Application and AppProject passes the Argo CD schema', () => {
    const objects = [...objectsOfKind(platform.argoCdChart('dev'), 'Application'), ...objectsOfKind(platform.argoCdChart('dev'), 'AppProject')];
    expect(validateManifests(objects.map((object) => ({ file: object.metadata.name, object })))).toEqual([]);
  });
});

describe('a platform team changes, turns off, opts in and brings its own', () => {
  const { platform, baseline } = platformWith({
    metricsServer: false,
    kubePrometheusStack: { values: { prometheus: { prometheusSpec: { serviceMonitorSelectorNilUsesHelmValues: true } }, grafana: { sidecar: { dashboards: { label: 'dashboards' } } } } },
    externalDns: { version: '1.20.0' },
    certManager: true,
    custom: [{
      name: 'karpenter',
      repoURL: 'oci://public.ecr.aws/karpenter',
      chart: 'karpenter',
      version: '1.8.0',
      namespace: 'karpenter',
      values: { replicas: 2 },
      provides: { kinds: ['karpenter.sh/NodePool'] },
    }],
  });
  const apps = applications(platform);

  test('an add-on turned off is not installed, and the project says so', () => {
    expect(apps['metrics-server']).toBeUndefined();
    expect(baseline.addOns.get('dev')!.off).toEqual({ 'metrics-server': 'turned-off' });
  });

  test('changed values merge over paved\'s, and what the add-on provides follows them', () => {
    const values = apps['kube-prometheus-stack'].spec.source.helm.valuesObject;
    expect(values.prometheus.prometheusSpec)
      .toMatchObject({ serviceMonitorSelectorNilUsesHelmValues: true, podMonitorSelectorNilUsesHelmValues: false });
    expect(values.grafana.sidecar.dashboards).toEqual({ enabled: true, label: 'dashboards', labelValue: '1', searchNamespace: 'ALL' });
    expect(provides(apps['kube-prometheus-stack'])).toMatchObject({
      monitoring: { serviceMonitorSelector: { matchLabels: { release: 'kube-prometheus-stack' } }, podMonitorSelector: {} },
      dashboards: { label: 'dashboards' },
    });
    expect(choice(apps['kube-prometheus-stack'])).toEqual({ choice: 'changed', changed: ['values'] });
  });

  test('a changed version is installed and visible', () => {
    expect(apps['external-dns'].spec.source.targetRevision).toBe('1.20.0');
    expect(choice(apps['external-dns'])).toEqual({ choice: 'changed', changed: ['version'] });
  });

  test('cert-manager, opted in, installs its CRDs and keeps its leader election in its namespace', () => {
    expect(apps['cert-manager'].spec.source).toMatchObject({ repoURL: 'https://charts.jetstack.io', targetRevision: 'v1.21.1' });
    expect(apps['cert-manager'].spec.source.helm.valuesObject).toEqual({ crds: { enabled: true, keep: true }, global: { leaderElection: { namespace: 'cert-manager' } } });
    expect(provides(apps['cert-manager']).kinds).toContain('cert-manager.io/ClusterIssuer');
  });

  test("the platform team's own chart is installed as its own", () => {
    expect(apps.karpenter).toMatchObject({
      spec: { project: 'platform', source: { repoURL: 'oci://public.ecr.aws/karpenter', chart: 'karpenter', targetRevision: '1.8.0', helm: { valuesObject: { replicas: 2 } } } },
    });
    expect(choice(apps.karpenter)).toEqual({ choice: 'own' });
    expect(provides(apps.karpenter)).toEqual({ kinds: ['karpenter.sh/NodePool'] });
  });
});

describe('failures', () => {
  test('fails when overridden values break the chart schema, naming add-on, key, value and fix', () => {
    expect(errorOf(() => platformWith({ externalSecrets: { values: { serviceAccount: { create: 'yes' } } as any } }))).toContain(
      "add-on 'external-secrets': values key 'serviceAccount.create' must be boolean (got \"yes\"); set a value the external-secrets 2.9.0 chart's values.schema.json accepts, or remove the key.",
    );
  });

  test('fails when a custom add-on takes the name of one of paved\'s', () => {
    expect(errorOf(() => platformWith({ custom: [{ name: 'metrics-server', repoURL: 'https://x.example', chart: 'x', version: '1.0.0', namespace: 'x' }] })))
      .toContain("custom add-on 'metrics-server': the name is taken by one of paved's add-ons");
  });

  test('fails when an add-on setting is neither false nor options', () => {
    expect(errorOf(() => platformWith({ metricsServer: 'off' as any }))).toContain('addOns.metricsServer');
  });
});

describe('the add-on classes', () => {
  test('expose the values paved writes', () => {
    expect(MetricsServer.PAVED_VALUES).toMatchObject({ apiService: { create: true } });
    expect(KubePrometheusStack.providedBy({ prometheus: { enabled: false }, grafana: { enabled: false } }))
      .toEqual({ kinds: expect.any(Array), monitoring: undefined, dashboards: undefined });
    expect(ExternalSecrets.providedBy({ installCRDs: false }, 'es').kinds).toEqual([]);
    expect(AwsLoadBalancerController.providedBy({ createIngressClassResource: false }).ingressClasses).toEqual([]);
    expect(ExternalDns.providedBy({}).kinds).toEqual(['externaldns.k8s.io/DNSEndpoint']);
  });
});
